using System.Net;
using Hl7.Fhir.Model;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Path tricks, framing tricks and spoofed identity headers, sent byte for byte over mutual TLS with a
/// certificate the gateway otherwise accepts: each must be refused (or stripped) before routing.
/// </summary>
public sealed class RequestHygieneTests : IClassFixture<GatewayFixture>
{
    private const string KestrelRefuses = "kestrel";
    private readonly GatewayFixture _fixture;

    public RequestHygieneTests(GatewayFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("/fhir/Patient/..%2F..%2Fadmin", "path-not-canonical")]
    [InlineData("/fhir/%2e%2e/admin", "path-not-canonical")]
    [InlineData("/fhir/%2E/Patient", "path-not-canonical")]
    [InlineData("/fhir/Patient%2F123", "path-not-canonical")]
    [InlineData("/fhir/Patient%2f123", "path-not-canonical")]
    [InlineData("/fhir/a/../Patient/1", "path-not-canonical")]
    [InlineData("/fhir/./Patient/1", "path-not-canonical")]
    [InlineData("/fhir/Patient/..", "path-not-canonical")]
    [InlineData("/fhir//Patient/1", "path-not-canonical")]
    [InlineData("/fhir/Patient\\1", "path-not-canonical")]
    [InlineData("/fhir/Patient%5C1", "path-not-canonical")]
    [InlineData("/fhir/Patient/%252e%252e", "path-not-canonical")]
    [InlineData("/fhir/Patient/1%00", KestrelRefuses)]
    [InlineData("/fhir/Patient?name=a%00b", "control-character")]
    [InlineData("/fhir/Patient/%0d%0aX-Injected:%201", "control-character")]
    [InlineData("/fhir/Patient?name=%zz", "request-target-malformed")]
    [InlineData("https://evil.example/fhir/Patient/1", KestrelRefuses)]
    public async Task Request_AmbiguousTarget_Returns400AndNothingForwarded(string target, string reasonCode)
    {
        var testCase = Guid.NewGuid().ToString("N");

        var response = await SendRawAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\n{FakeBackend.CaseHeader}: {testCase}\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, response.StatusCode);
        if (reasonCode == KestrelRefuses)
        {
            // Kestrel rejects these itself, before any middleware (a bare 400): still refused, still not forwarded.
            Assert.Empty(response.Body);
        }
        else
        {
            OperationOutcomeAssert.HasIssue(response.Body, OperationOutcome.IssueType.Structure, reasonCode);
            AuditAssert.Denied(_fixture.Host, response, reasonCode);
        }

        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_TargetLongerThanLimit_Returns414AndNothingForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");
        var target = "/fhir/Patient?name=" + new string('a', 5000);

        var response = await SendRawAsync($"GET {target} HTTP/1.1\r\nHost: localhost\r\n{FakeBackend.CaseHeader}: {testCase}\r\nConnection: close\r\n\r\n");

        Assert.Equal(414, response.StatusCode);
        OperationOutcomeAssert.HasIssue(response.Body, OperationOutcome.IssueType.TooLong, "request-target-too-long");
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
        AuditAssert.Denied(_fixture.Host, response, "request-target-too-long");
    }

    [Fact]
    public async Task Request_HeadersLargerThanLimit_Returns431AndNothingForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");
        var padding = string.Concat(Enumerable.Range(0, 20).Select(i => $"X-Pad-{i}: {new string('p', 1000)}\r\n"));

        var response = await SendRawAsync($"GET /fhir/Patient/1 HTTP/1.1\r\nHost: localhost\r\n{FakeBackend.CaseHeader}: {testCase}\r\n{padding}Connection: close\r\n\r\n");

        Assert.Equal(431, response.StatusCode);
        OperationOutcomeAssert.HasIssue(response.Body, OperationOutcome.IssueType.TooLong, "headers-too-large");
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
        AuditAssert.Denied(_fixture.Host, response, "headers-too-large");
    }

    [Fact]
    public async Task Request_TwoAuthorizationHeaders_Returns400AndNothingForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");

        var response = await SendRawAsync($"GET /fhir/Patient/1 HTTP/1.1\r\nHost: localhost\r\n{FakeBackend.CaseHeader}: {testCase}\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\nConnection: close\r\n\r\n");

        Assert.Equal(400, response.StatusCode);
        OperationOutcomeAssert.HasIssue(response.Body, OperationOutcome.IssueType.Structure, "duplicate-singleton-header");
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
        AuditAssert.Denied(_fixture.Host, response, "duplicate-singleton-header");
    }

    [Fact]
    public async Task Request_ContentLengthAndTransferEncoding_Returns400AndNothingForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");

        var response = await SendRawAsync($"POST /fhir/Patient HTTP/1.1\r\nHost: localhost\r\n{FakeBackend.CaseHeader}: {testCase}\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n");

        Assert.Equal(400, response.StatusCode);
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_SpoofedIdentityHeaders_AreStrippedBeforeForwarding()
    {
        var testCase = Guid.NewGuid().ToString("N");
        var victim = Convert.ToBase64String(_fixture.Pki.PlanBValid.RawData);
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Client-Cert", "Hash=abc;Subject=\"CN=plan-b\"");
        request.Headers.TryAddWithoutValidation("Client-Cert", $":{victim}:");
        request.Headers.TryAddWithoutValidation("Client-Cert-Chain", $":{victim}:");
        request.Headers.TryAddWithoutValidation("X-Client-Cert-Subject", "CN=plan-b");
        request.Headers.TryAddWithoutValidation("X-Partner-Id", "plan-b");
        request.Headers.TryAddWithoutValidation("X-Partner-Workload", "member-match");
        request.Headers.TryAddWithoutValidation("X-Request-Id", "attacker-chosen");
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", "10.9.9.9");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", "evil.example");
        request.Headers.TryAddWithoutValidation("Forwarded", "for=10.9.9.9;host=evil.example");
        request.Headers.TryAddWithoutValidation("X-Original-URL", "/admin");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_fixture.Host.Backend.ReceivedFor(testCase));
        Assert.Equal("plan-a", forwarded.Header("X-Partner-Id"));
        Assert.Equal("claims-sync", forwarded.Header("X-Partner-Workload"));
        Assert.NotEqual("attacker-chosen", forwarded.Header("X-Request-Id"));
        Assert.Null(forwarded.Header("X-Forwarded-Client-Cert"));
        Assert.Null(forwarded.Header("Client-Cert"));
        Assert.Null(forwarded.Header("Client-Cert-Chain"));
        Assert.Null(forwarded.Header("X-Client-Cert-Subject"));
        Assert.Null(forwarded.Header("Forwarded"));
        Assert.Null(forwarded.Header("X-Original-URL"));
        Assert.Equal("127.0.0.1", forwarded.Header("X-Forwarded-For"));
        Assert.Equal($"localhost:{_fixture.Host.PartnerPort}", forwarded.Header("X-Forwarded-Host"));
    }

    [Fact]
    public async Task Request_ClientCertHeaderWithoutClientCertificate_IsRefusedNotTrusted()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = _fixture.Host.CreateClient(null);
        using var request = CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase);
        request.Headers.TryAddWithoutValidation("Client-Cert", $":{Convert.ToBase64String(_fixture.Pki.PlanAValid.RawData)}:");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    private Task<RawResponse> SendRawAsync(string head) =>
        RawHttpsClient.SendAsync(_fixture.Host.PartnerPort, _fixture.Pki.PlanAValid, _fixture.Pki.GatewayCa, head);
}
