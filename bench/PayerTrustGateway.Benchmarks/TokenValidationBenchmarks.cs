using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Benchmarks;

/// <summary>
/// Per-request token work: validating an at+jwt (signature, claims) and checking its RFC 8705 binding,
/// and validating a DPoP proof (signature, htm/htu/iat/ath, thumbprint). Replay recording excluded.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks : IDisposable
{
    private const string Issuer = "https://issuer.bench.example";
    private const string Audience = "https://gateway.bench.example";
    private readonly ECDsa _issuerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly ECDsa _dpopKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private readonly string _thumbprint = Base64Url.EncodeToString(SHA256.HashData("certificate"u8));
    private readonly TokensOptions _tokensOptions = new() { PublicOrigin = new Uri(Audience) };
    private ServiceProvider? _services;
    private AccessTokenValidator? _validator;
    private DpopProofValidator? _proofs;
    private string _token = string.Empty;
    private string _proof = string.Empty;
    private string? _folder;

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ptg-bench-tokens").FullName;
        var keyFile = Path.Combine(_folder, "issuer.pub");
        File.WriteAllText(keyFile, _issuerKey.ExportSubjectPublicKeyInfoPem());
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddSingleton(typeof(LastGoodOptions<>));
        services.Configure<IssuersOptions>(o => o.Issuers["bench"] = new IssuerOptions { Issuer = Issuer, KeyFiles = [keyFile], Audiences = [Audience], Algorithms = ["ES256"] });
        services.Configure<TokenServiceOptions>(o => o.Enabled = false);
        services.Configure<TokensOptions>(o => o.PublicOrigin = new Uri(Audience));
        services.AddSingleton<IssuerRegistry>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<DpopNonces>();
        services.AddSingleton<DpopProofValidator>();
        _services = services.BuildServiceProvider();
        _validator = _services.GetRequiredService<AccessTokenValidator>();
        _proofs = _services.GetRequiredService<DpopProofValidator>();
        _token = CreateToken();
        _proof = CreateProof();
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> ValidateCertificateBoundToken()
    {
        var result = await _validator!.ValidateAsync(_token, CancellationToken.None);
        return result.CertificateThumbprint is { } x5t && CertificateBinding.Matches(x5t, _thumbprint);
    }

    [Benchmark]
    public async Task<bool> ValidateDpopProof()
    {
        var result = await _proofs!.ValidateAsync(_proof, "GET", new Uri(Audience + "/fhir/Patient/member-1001"), _token, _tokensOptions);
        return result.JwkThumbprint is not null;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _services?.Dispose();
        _issuerKey.Dispose();
        _dpopKey.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    private string CreateToken()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "at+jwt", ["kid"] = Thumbprint(_issuerKey) };
        var claims = new JsonObject
        {
            ["iss"] = Issuer, ["aud"] = Audience, ["sub"] = "plan-a/claims-sync", ["client_id"] = "plan-a/claims-sync",
            ["jti"] = Guid.NewGuid().ToString("N"), ["iat"] = now, ["exp"] = now + 3000, ["scope"] = "system/Patient.rs",
            ["cnf"] = new JsonObject { ["x5t#S256"] = _thumbprint },
        };
        return Sign(header, claims, _issuerKey);
    }

    private string CreateProof()
    {
        var parameters = _dpopKey.ExportParameters(false);
        var header = new JsonObject
        {
            ["typ"] = "dpop+jwt", ["alg"] = "ES256",
            ["jwk"] = new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = Base64Url.EncodeToString(parameters.Q.X), ["y"] = Base64Url.EncodeToString(parameters.Q.Y) },
        };
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString("N"), ["htm"] = "GET", ["htu"] = Audience + "/fhir/Patient/member-1001",
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 3, ["ath"] = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(_token))),
        };
        return Sign(header, claims, _dpopKey);
    }

    private static string Thumbprint(ECDsa key)
    {
        var p = key.ExportParameters(false);
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64Url.EncodeToString(p.Q.X)}\",\"y\":\"{Base64Url.EncodeToString(p.Q.Y)}\"}}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    private static string Sign(JsonObject header, JsonObject claims, ECDsa key)
    {
        var input = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString()));
        return input + "." + Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }
}
