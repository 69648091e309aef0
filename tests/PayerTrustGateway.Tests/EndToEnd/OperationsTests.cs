using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Health on the admin listener only, listener isolation, and backend faults answered in FHIR.</summary>
public sealed class OperationsTests : IClassFixture<GatewayFixture>
{
    private readonly GatewayFixture _fixture;

    public OperationsTests(GatewayFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData("healthz")]
    [InlineData("readyz")]
    public async Task Health_OnAdminListener_ReportsHealthy_WithoutAdminToken(string path)
    {
        using var client = _fixture.Host.CreateAnonymousAdminClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Health_OnPartnerListener_IsNotServed()
    {
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanAValid);

        using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        OperationOutcomeAssert.HasIssue(await response.Content.ReadAsStringAsync(), OperationOutcome.IssueType.NotFound, "route-not-found");
    }

    [Fact]
    public async Task ProxiedRoute_OnAdminListener_IsNotServed()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = _fixture.Host.CreateAnonymousAdminClient();

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_BackendDoesNotAnswerInTime_Returns504OperationOutcome()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = await _fixture.Host.CreateAuthorizedClientAsync(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get(FakeBackend.HangPath, testCase));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        OperationOutcomeAssert.HasIssue(body, OperationOutcome.IssueType.Timeout, "backend-timeout");
        OperationOutcomeAssert.LeaksNothing(body);
    }
}
