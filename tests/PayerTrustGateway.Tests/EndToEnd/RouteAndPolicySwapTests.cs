using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>A configuration change that adds a route and its policy lands together, or (policy invalid) not at all.</summary>
public sealed class RouteAndPolicySwapTests
{
    [Theory]
    [InlineData("Patient", true)]
    [InlineData("NotAType", false)]
    public async Task Reload_RouteAndPolicyChangedTogether_LandTogetherOrNotAtAll(string resourceType, bool valid)
    {
        using var pki = new TestPki();
        var file = Path.Combine(pki.Directory, "routes.json");
        await File.WriteAllTextAsync(file, "{}");
        await using var host = await GatewayTestHost.StartAsync(pki, configFile: file);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var gate = host.Services.GetRequiredService<GatedProxyConfigProvider>();
        var policies = host.Services.GetRequiredService<LastGoodOptions<PoliciesOptions>>();
        var settled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        gate.RoutesPublished += () => settled.TrySetResult(true);
        using var rejected = policies.OnRejected(_ => settled.TrySetResult(false));

        await File.WriteAllTextAsync(file, Change(resourceType));

        Assert.Equal(valid, await settled.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(valid ? HttpStatusCode.OK : HttpStatusCode.NotFound, await FirstSettledStatusAsync(client, "/extra/Patient/member-1001", valid));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/fhir/Patient/member-1001"));
    }

    private static string Change(string resourceType) =>
        "{ \"TrustGateway\": { \"Policies\": { \"extra-policy\": { \"Partners\": [\"plan-a\"], \"ResourceTypes\": [\"" + resourceType + "\"], \"FhirBase\": \"/extra\" } } }, "
        + "\"ReverseProxy\": { \"Routes\": { \"extra\": { \"ClusterId\": \"backend\", \"Order\": 0, \"Match\": { \"Path\": \"/extra/{**rest}\" }, \"Metadata\": { \"TrustPolicy\": \"extra-policy\" } } } } }";

    // YARP applies a published configuration from a change-token callback; allow a few immediate
    // retries (real round trips, no sleeping) for it to take the new routes.
    private static async Task<HttpStatusCode> FirstSettledStatusAsync(HttpClient client, string path, bool expectServed)
    {
        var status = await StatusAsync(client, path);
        for (var attempt = 0; expectServed && status != HttpStatusCode.OK && attempt < 50; attempt++)
        {
            status = await StatusAsync(client, path);
        }

        return status;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return response.StatusCode;
    }
}
