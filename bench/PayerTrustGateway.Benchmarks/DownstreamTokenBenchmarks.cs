using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Benchmarks;

/// <summary>
/// The downstream token per request (S6.8): building the request (scope narrowing against the route policy)
/// and minting it with an ES256 or RS256 gateway key; and, for comparison, a cache hit (CacheMintedTokens).
/// </summary>
[MemoryDiagnoser]
public class DownstreamTokenBenchmarks : IDisposable
{
    private const string Issuer = "https://gateway.bench.example";
    private ServiceProvider? _es256;
    private ServiceProvider? _rs256;
    private DownstreamTokenMinter? _minterEs256;
    private DownstreamTokenMinter? _minterRs256;
    private DownstreamTokenService? _cached;
    private TrustPolicy _policy = null!;
    private DownstreamTokenRequest _request = null!;
    private readonly List<string> _folders = [];

    [GlobalSetup]
    public void Setup()
    {
        var options = new TrustPolicyOptions { ResourceTypes = ["Patient", "Coverage", "ExplanationOfBenefit"] };
        _policy = TrustPolicy.From("member-data", options);
        _request = Request();
        _es256 = Services("ES256", cache: false);
        _rs256 = Services("RS256", cache: false);
        _minterEs256 = _es256.GetRequiredService<DownstreamTokenMinter>();
        _minterRs256 = _rs256.GetRequiredService<DownstreamTokenMinter>();
        _cached = Services("ES256", cache: true).GetRequiredService<DownstreamTokenService>();
    }

    [Benchmark]
    public int NarrowScopes() => DownstreamScopes.Narrow(["system/Patient.rs", "system/Coverage.rs", "system/Claim.rs", "system/*.cruds"], _policy).Length;

    [Benchmark(Baseline = true)]
    public string MintEs256() => _minterEs256!.Mint(_request, Issuer, TimeSpan.FromMinutes(5)).Token!.Value;

    [Benchmark]
    public string MintRs256() => _minterRs256!.Mint(_request, Issuer, TimeSpan.FromMinutes(5)).Token!.Value;

    [Benchmark]
    public async Task<string> CachedToken() => (await _cached!.GetAsync(_request, "partner-token", CancellationToken.None)).Token!.Value;

    [GlobalCleanup]
    public void Dispose()
    {
        _es256?.Dispose();
        _rs256?.Dispose();
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private DownstreamTokenRequest Request() => new(
        "plan-a/claims-sync",
        "plan-a/claims-sync",
        "member-1001",
        "4f9c2e7a1b3d5f60718293a4b5c6d7e8",
        3,
        _policy.Name,
        _policy.Version,
        "https://fhir.payer.example/r4",
        DownstreamScopes.Narrow(["system/Patient.rs", "system/Coverage.rs", "system/ExplanationOfBenefit.rs"], _policy),
        ["urn:oid:2.16.840.1.113883.5.8#COC"],
        null,
        DateTimeOffset.UtcNow.AddHours(1),
        "0f1e2d3c4b5a69788796a5b4c3d2e1f0");

    private ServiceProvider Services(string algorithm, bool cache)
    {
        var folder = Directory.CreateTempSubdirectory("ptg-bench-keys").FullName;
        _folders.Add(folder);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddHttpClient();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(typeof(LastGoodOptions<>));
        services.Configure<SigningKeysOptions>(o =>
        {
            o.Algorithm = algorithm;
            o.Directory = folder;
        });
        services.Configure<StorageOptions>(o => o.DataDirectory = folder);
        services.Configure<TokenServiceOptions>(o => o.Issuer = Issuer);
        services.Configure<Tokens.TokensOptions>(o => o.PublicOrigin = new Uri(Issuer));
        services.Configure<TokenExchangeOptions>(o =>
        {
            o.CacheMintedTokens = cache;
            o.Issuer = Issuer;
        });
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<DownstreamTokenMinter>();
        services.AddSingleton<DownstreamTokenCache>();
        services.AddSingleton<ExternalTokenExchangeClient>();
        services.AddSingleton<ExchangeMetrics>();
        services.AddSingleton<DownstreamTokenService>();
        return services.BuildServiceProvider();
    }
}
