using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Security teams change a policy file: a valid change applies on the next request; an invalid one is rejected, shown, and the last good keeps serving.</summary>
public sealed class PolicyReloadTests
{
    [Fact]
    public async Task Reload_ValidThenInvalidPolicyChange_NextRequestUsesValidAndIgnoresInvalid()
    {
        using var pki = new TestPki();
        var file = Path.Combine(pki.Directory, "policies.json");
        await File.WriteAllTextAsync(file, Policy("read"));
        await using var host = await GatewayTestHost.StartAsync(pki, configFile: file);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/fhir/Patient/member-1001"));
        var refused = Guid.NewGuid().ToString("N");
        using (var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient?name=smith", refused)))
        {
            await DenialAssert.RefusedAsync(response, host, refused, HttpStatusCode.Forbidden, "interaction-not-allowed", null, null, Hl7.Fhir.Model.OperationOutcome.IssueType.Forbidden);
        }

        await ReloadAsync(host, file, Policy("read", "search-type"), accepted: true);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/fhir/Patient?name=smith"));

        await ReloadAsync(host, file, Policy("read", "not-an-interaction"), accepted: false);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/fhir/Patient?name=smith"));

        using var admin = host.CreateAdminClient();
        using var status = JsonDocument.Parse(await admin.GetStringAsync(new Uri("config/status", UriKind.Relative)));
        var policies = status.RootElement.GetProperty("policies");
        Assert.Equal(1, policies.GetProperty("rejectedReloads").GetInt32());
        Assert.Contains("not-an-interaction", policies.GetProperty("lastRejection").GetProperty("problems")[0].GetString(), StringComparison.Ordinal);

        // Both reloads are in the audit trail as changes by the gateway itself (queued before the requests that followed them).
        var changes = host.Services.GetRequiredService<PayerTrustGateway.Audit.IAuditStore>()
            .Query(new PayerTrustGateway.Audit.AuditQuery { Kind = PayerTrustGateway.Audit.AuditKind.Change, Limit = 100 }).Records
            .Where(record => record.Target == "policies").ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal(("configuration.reload", "allow", "system"), (changes[0].Action, changes[0].Decision, changes[0].ActorKind));
        Assert.NotEqual(changes[0].Before, changes[0].After);
        Assert.Equal(("deny", "configuration-invalid"), (changes[1].Decision, changes[1].Reason));
        Assert.Contains("not-an-interaction", changes[1].After, StringComparison.Ordinal);
    }

    private static string Policy(params string[] interactions) =>
        "{ \"TrustGateway\": { \"Policies\": { \"member-data\": { \"Interactions\": [" + string.Join(",", interactions.Select(i => $"\"{i}\"")) + "] } } } }";

    private static async Task ReloadAsync(GatewayTestHost host, string file, string json, bool accepted)
    {
        var options = host.Services.GetRequiredService<LastGoodOptions<PoliciesOptions>>();
        var done = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onAccepted = options.OnChange(_ => done.TrySetResult(true));
        using var onRejected = options.OnRejected(_ => done.TrySetResult(false));

        await File.WriteAllTextAsync(file, json);

        Assert.Equal(accepted, await done.Task.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
