using System.Net;
using Hl7.Fhir.Model;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Route trust policies: authenticated workloads the route does not admit get 403 and nothing is forwarded.</summary>
public sealed class RoutePolicyTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public RoutePolicyTests(GatewayFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("plan-b", "/fhir/ExplanationOfBenefit?patient=member-1001")]
    [InlineData("plan-b", "/fhir/ExplanationOfBenefit/eob-1")]
    [InlineData("plan-a-eligibility", "/fhir/ExplanationOfBenefit?patient=member-1001")]
    public async Task Request_WorkloadNotAdmittedByRoutePolicy_Returns403AndNothingForwarded(string workload, string path)
    {
        var testCase = Guid.NewGuid().ToString("N");
        var certificate = workload == "plan-b" ? _fixture.Pki.PlanBValid : _fixture.Pki.PlanAOtherWorkload;
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(certificate);

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get(path, testCase));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(response.Headers.WwwAuthenticate);
        OperationOutcomeAssert.HasIssue(body, OperationOutcome.IssueType.Forbidden, "policy-not-admitted");
        OperationOutcomeAssert.LeaksNothing(body);
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_WorkloadAdmittedByName_IsForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/ExplanationOfBenefit?patient=member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(_fixture.Host.Backend.ReceivedFor(testCase));
        Assert.Equal("/fhir/ExplanationOfBenefit?patient=member-1001", forwarded.PathAndQuery);
    }

    [Fact]
    public async Task Request_PathNoRouteServes_Returns404OperationOutcome()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/admin/secrets", testCase));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        OperationOutcomeAssert.HasIssue(body, OperationOutcome.IssueType.NotFound, "route-not-found");
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_UnknownPathWithoutCertificate_Returns401NotRouteInformation()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = _fixture.Host.CreateClient(null);

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/admin/secrets", testCase));

        await DenialAssert.RefusedAsync(response, _fixture.Host, testCase, HttpStatusCode.Unauthorized, "client-certificate-missing", "Bearer", null);
    }
}
