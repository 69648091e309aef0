using System.Net;
using Hl7.Fhir.Model;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

public sealed class BackendUnavailableTests
{
    [Fact]
    public async Task Request_BackendRefusesConnections_Returns502OperationOutcome()
    {
        using var pki = new TestPki();
        var closedPort = LoopbackTestServer.UnusedPort();
        await using var host = await GatewayTestHost.StartAsync(pki, settings =>
            settings["ReverseProxy:Clusters:backend:Destinations:primary:Address"] = $"http://127.0.0.1:{closedPort}/");
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);

        using var response = await client.GetAsync(new Uri("/fhir/Patient/member-1001", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        OperationOutcomeAssert.HasIssue(body, OperationOutcome.IssueType.Exception, "backend-unavailable");
        var record = AuditAssert.Denied(host, response, "backend-unavailable");
        Assert.Equal("plan-a/claims-sync", record.Workload);
        OperationOutcomeAssert.LeaksNothing(body);
        Assert.DoesNotContain(closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture), body, StringComparison.Ordinal);
    }
}
