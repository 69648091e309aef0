using System.Net;
using System.Security.Cryptography.X509Certificates;
using Hl7.Fhir.Model;
using Task = System.Threading.Tasks.Task;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Mutual TLS on real Kestrel: every certificate the gateway must refuse, and the ones it must accept.</summary>
public sealed class CertificateAuthenticationTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public CertificateAuthenticationTests(GatewayFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string, OperationOutcome.IssueType, string?> RefusedCertificates => new()
    {
        { "none", "client-certificate-missing", OperationOutcome.IssueType.Login, null },
        { "unknown-ca", "client-certificate-untrusted", OperationOutcome.IssueType.Login, "invalid_token" },
        { "another-partners-ca", "client-certificate-untrusted", OperationOutcome.IssueType.Login, "invalid_token" },
        { "expired", "client-certificate-expired", OperationOutcome.IssueType.Expired, "invalid_token" },
        { "not-yet-valid", "client-certificate-not-yet-valid", OperationOutcome.IssueType.Login, "invalid_token" },
        { "server-auth-only", "client-certificate-wrong-usage", OperationOutcome.IssueType.Login, "invalid_token" },
        { "no-eku", "client-certificate-wrong-usage", OperationOutcome.IssueType.Login, "invalid_token" },
        { "revoked", "client-certificate-revoked", OperationOutcome.IssueType.Login, "invalid_token" },
        { "unregistered-san", "workload-not-registered", OperationOutcome.IssueType.Login, "invalid_token" },
        { "no-san", "workload-not-registered", OperationOutcome.IssueType.Login, "invalid_token" },
        { "ambiguous", "workload-ambiguous", OperationOutcome.IssueType.Login, "invalid_token" },
        { "suspended-partner", "partner-not-active", OperationOutcome.IssueType.Login, "invalid_token" },
    };

    [Theory]
    [MemberData(nameof(RefusedCertificates))]
    public async Task Request_RefusedCertificate_Returns401WithChallengeAndNothingForwarded(
        string certificate, string reasonCode, OperationOutcome.IssueType issueType, string? challengeError)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = _fixture.Host.CreateClient(Pick(certificate));

        using var response = await client.SendAsync(Get("/fhir/Patient/member-1001", testCase));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        if (challengeError is null)
        {
            Assert.Equal("realm=\"payer-trust-gateway\"", challenge.Parameter);
        }
        else
        {
            Assert.Contains($"error=\"{challengeError}\"", challenge.Parameter, StringComparison.Ordinal);
        }

        OperationOutcomeAssert.HasIssue(body, issueType, reasonCode);
        OperationOutcomeAssert.LeaksNothing(body);
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
        var record = AuditAssert.Denied(_fixture.Host, response, reasonCode);
        Assert.Null(record.Workload);
        Assert.Null(record.TokenId);
    }

    [Fact]
    public async Task Request_RegisteredWorkload_IsForwardedWithGatewayAssertedIdentity()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(Get("/fhir/Patient/member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_fixture.Host.Backend.ReceivedFor(testCase));
        Assert.Equal("/fhir/Patient/member-1001", forwarded.PathAndQuery);
        Assert.Equal("plan-a", forwarded.Header("X-Partner-Id"));
        Assert.Equal("claims-sync", forwarded.Header("X-Partner-Workload"));
        Assert.Equal(Assert.Single(response.Headers.GetValues("X-Request-Id")), forwarded.Header("X-Request-Id"));
        Assert.NotNull(forwarded.Header("traceparent"));
        Assert.Null(forwarded.Header("Client-Cert"));
        var (_, claims) = await DownstreamTokenVerifier.VerifyAsync(_fixture.Host, forwarded, client.DefaultRequestHeaders.Authorization!.Parameter);
        Assert.Equal("plan-a/claims-sync", claims["act"]!["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_WorkloadUnderIntermediateCa_IsForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanBValid);

        using var response = await client.SendAsync(Get("/fhir/Coverage?beneficiary=member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_fixture.Host.Backend.ReceivedFor(testCase));
        Assert.Equal("plan-b", forwarded.Header("X-Partner-Id"));
        Assert.Equal("member-match", forwarded.Header("X-Partner-Workload"));
    }

    [Fact]
    public async Task Request_SecondCertificateOfSameWorkload_IsForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanAValidTwin);

        using var response = await client.SendAsync(Get("/fhir/Patient/member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    internal static HttpRequestMessage Get(string path, string testCase)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(FakeBackend.CaseHeader, testCase);
        return request;
    }

    private X509Certificate2? Pick(string name)
    {
        var pki = _fixture.Pki;
        return name switch
        {
            "none" => null,
            "unknown-ca" => pki.RogueClaimingPlanA,
            "another-partners-ca" => pki.PlanBClaimingPlanA,
            "expired" => pki.PlanAExpired,
            "not-yet-valid" => pki.PlanANotYetValid,
            "server-auth-only" => pki.PlanAServerAuthOnly,
            "no-eku" => pki.PlanANoEku,
            "revoked" => pki.PlanARevoked,
            "unregistered-san" => pki.PlanAUnknownSan,
            "no-san" => pki.PlanANoSan,
            "ambiguous" => pki.Ambiguous,
            "suspended-partner" => pki.PlanCValid,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown certificate"),
        };
    }
}
