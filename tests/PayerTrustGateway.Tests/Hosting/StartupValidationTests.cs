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

    [Theory]
    [InlineData(null)]
    [InlineData("not a uri")]
    [InlineData("https://fhir.example/r4#part")]
    public async Task Start_ClusterWithoutDownstreamAudience_FailsNamingTheCluster(string? audience)
    {
        var failure = await StartExpectingFailureAsync(s => s["ReverseProxy:Clusters:backend:Metadata:DownstreamAudience"] = audience);

        Assert.Contains(failure.Failures, f => f.StartsWith("ReverseProxy:Clusters:backend:Metadata:DownstreamAudience", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TrustGateway:TokenExchange:TokenLifetime", "02:00:00")]
    [InlineData("TrustGateway:TokenExchange:Mode", "External")]
    [InlineData("TrustGateway:TokenExchange:CacheCapacity", "0")]
    [InlineData("TrustGateway:SigningKeys:Algorithm", "HS256")]
    public async Task Start_InvalidTokenExchangeSettings_Fail(string key, string value)
    {
        var failure = await StartExpectingFailureAsync(s => s[key] = value);

        var section = key[..key.LastIndexOf(':')];
        Assert.Contains(failure.Failures, f => f.StartsWith(section, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_WithoutAdminAccess_FailsNamingTheKeys()
    {
        var failure = await StartExpectingFailureAsync(s =>
        {
            s.Remove("TrustGateway:AdminAccess:Issuer");
            s.Remove("TrustGateway:AdminAccess:KeyFiles:0");
        });

        Assert.Contains(failure.Failures, f => f.StartsWith("TrustGateway:AdminAccess:Issuer is required", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("TrustGateway:AdminAccess:KeyFiles must list at least one", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_AdminIssuerIsThePartnerIssuer_Fails()
    {
        var failure = await StartExpectingFailureAsync(s => s["TrustGateway:AdminAccess:Issuer"] = TestGatewayConfiguration.TestIssuer);

        Assert.Contains(failure.Failures, f => f.Contains("is also the partner issuer TrustGateway:Issuers:test", StringComparison.Ordinal));
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
