using Microsoft.Extensions.Options;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.Hosting;

/// <summary>A misconfigured gateway does not start, and says which key to fix.</summary>
public sealed class StartupValidationTests : IClassFixture<TestPkiFixture>
{
    private readonly TestPki _pki;

    public StartupValidationTests(TestPkiFixture fixture) => _pki = fixture.Pki;

    [Fact]
    public async Task Start_RouteWithoutTrustPolicy_FailsNamingTheRoute()
    {
        var failure = await StartExpectingFailureAsync(s => s.Remove("ReverseProxy:Routes:member:Metadata:TrustPolicy"));

        Assert.Contains(failure.Failures, f => f.Contains("ReverseProxy:Routes:member:Metadata:TrustPolicy is missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_RouteNamingUnknownPolicy_FailsNamingThePolicy()
    {
        var failure = await StartExpectingFailureAsync(s => s["ReverseProxy:Routes:member:Metadata:TrustPolicy"] = "no-such-policy");

        Assert.Contains(failure.Failures, f => f.Contains("'no-such-policy', which is not defined", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_PolicyNamingUnknownWorkload_Fails()
    {
        var failure = await StartExpectingFailureAsync(s => s["TrustGateway:Policies:claims-data:Workloads:0"] = "plan-a/nobody");

        Assert.Contains(failure.Failures, f => f.StartsWith("TrustGateway:Policies:claims-data:Workloads:0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ServerCertificateMissing_Fails()
    {
        var failure = await StartExpectingFailureAsync(s => s["TrustGateway:Listeners:Partner:CertificatePath"] = Path.Combine(_pki.Directory, "missing.crt"));

        Assert.Contains(failure.Failures, f => f.StartsWith("TrustGateway:Listeners:Partner:CertificatePath", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_InvalidHygieneLimits_Fails()
    {
        var failure = await StartExpectingFailureAsync(s => s["TrustGateway:Hygiene:MaxRequestTargetLength"] = "10");

        Assert.Contains(failure.Failures, f => f.StartsWith("TrustGateway:Hygiene:MaxRequestTargetLength", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_ProblemsInSeveralSections_AreAllReportedTogether()
    {
        var failure = await Assert.ThrowsAsync<AggregateException>(async () =>
        {
            await using var host = await GatewayTestHost.StartAsync(_pki, s =>
            {
                s["TrustGateway:Hygiene:MaxRequestTargetLength"] = "10";
                s["ReverseProxy:Routes:member:Metadata:TrustPolicy"] = "no-such-policy";
                s["TrustGateway:Partners:plan-b:DisplayName"] = "";
            });
        });

        var messages = failure.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures).ToList();
        Assert.Contains(messages, m => m.StartsWith("TrustGateway:Hygiene:MaxRequestTargetLength", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'no-such-policy'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("TrustGateway:Partners:plan-b:DisplayName", StringComparison.Ordinal));
    }

    private async Task<OptionsValidationException> StartExpectingFailureAsync(Action<Dictionary<string, string?>> breakIt) =>
        await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var host = await GatewayTestHost.StartAsync(_pki, breakIt);
        });
}
