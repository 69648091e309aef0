using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// The real gateway (same composition as <c>serve</c>) on real Kestrel with mutual TLS on loopback
/// port 0, in front of a <see cref="FakeBackend"/>. Tests reach it only through TLS with certificates,
/// and its admin listener only with admin tokens signed by an ES256 admin issuer key generated per host
/// (public half in a temporary file, private half in memory only).
/// </summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    /// <summary>The subject of <see cref="CreateAdminClient"/>'s tokens unless a test names another.</summary>
    public const string DefaultAdminSubject = "test-admin";

    private readonly WebApplication _app;

    private readonly string _dataDirectory;

    private readonly AdminIssuer _adminIssuer;

    private GatewayTestHost(WebApplication app, TestPki pki, FakeBackend backend, string dataDirectory, AdminIssuer adminIssuer)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        _adminIssuer = adminIssuer;
        Pki = pki;
        Backend = backend;
        var endpoints = app.Services.GetRequiredService<ListenerEndpoints>();
        PartnerPort = endpoints.Partner.Port;
        AdminPort = endpoints.Admin.Port;
    }

    public TestPki Pki { get; }

    public FakeBackend Backend { get; }

    public int PartnerPort { get; }

    public int AdminPort { get; }

    public IServiceProvider Services => _app.Services;

    public Uri PartnerBase => new($"https://localhost:{PartnerPort}/");

    public Uri AdminBase => new($"http://127.0.0.1:{AdminPort}/");

    /// <summary>The admin issuer's signing key (its public half is the configured <c>TrustGateway:AdminAccess:KeyFiles:0</c>).</summary>
    public ECDsa AdminIssuerKey => _adminIssuer.Key;

    public static async Task<GatewayTestHost> StartAsync(
        TestPki pki,
        Action<Dictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? services = null,
        string? configFile = null)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var backend = await FakeBackend.StartAsync();

        // The public origin (DPoP htu, token endpoint) must be known before start: take a free port.
        var settings = TestGatewayConfiguration.Create(pki, backend.Address, LoopbackTestServer.UnusedPort());
        // The real embedded stores, in a folder of this host's own.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "ptg-tests", Guid.NewGuid().ToString("N"));
        settings["TrustGateway:Storage:DataDirectory"] = dataDirectory;
        var adminIssuer = AdminIssuer.Create();
        settings["TrustGateway:AdminAccess:Issuer"] = TestGatewayConfiguration.AdminIssuer;
        settings["TrustGateway:AdminAccess:KeyFiles:0"] = adminIssuer.PublicKeyPath;
        configure?.Invoke(settings);
        try
        {
            var app = GatewayApplication.Build(configFile, builder =>
            {
                builder.Configuration.AddInMemoryCollection(settings);
                services?.Invoke(builder.Services);
            });
            await app.StartAsync();
            return new GatewayTestHost(app, pki, backend, dataDirectory, adminIssuer);
        }
        catch
        {
            adminIssuer.Dispose();
            await backend.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client that presents <paramref name="clientCertificate"/> (or none) and trusts only the test gateway CA.</summary>
    public HttpClient CreateClient(X509Certificate2? clientCertificate)
    {
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            SslOptions = new SslClientAuthenticationOptions
            {
                EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                LocalCertificateSelectionCallback = clientCertificate is null ? null : (_, _, _, _, _) => clientCertificate,
                RemoteCertificateValidationCallback = (_, certificate, _, _) => ServerCertificateValidator.IsTrusted(certificate, Pki.GatewayCa),
            },
        };
        return new HttpClient(handler) { BaseAddress = PartnerBase };
    }

    public Uri TokenEndpoint => new(PartnerBase, "/token");

    /// <summary>Gets a real token from the gateway's token endpoint over mutual TLS with <paramref name="certificate"/>.</summary>
    public async Task<string> GetTokenAsync(X509Certificate2 certificate, string? scope = null, string? dpopProof = null)
    {
        using var client = CreateClient(certificate);
        using var request = TokenRequest(scope, dpopProof);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token request failed: {(int)response.StatusCode} {body}");
        using var json = System.Text.Json.JsonDocument.Parse(body);
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client presenting <paramref name="certificate"/> with a certificate-bound token of that workload.</summary>
    public async Task<HttpClient> CreateAuthorizedClientAsync(X509Certificate2 certificate)
    {
        var token = await GetTokenAsync(certificate);
        var client = CreateClient(certificate);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpRequestMessage TokenRequest(string? scope = null, string? dpopProof = null, IEnumerable<KeyValuePair<string, string>>? extra = null)
    {
        var fields = new List<KeyValuePair<string, string>> { new("grant_type", "client_credentials") };
        if (scope is not null)
        {
            fields.Add(new("scope", scope));
        }

        fields.AddRange(extra ?? []);
        var request = new HttpRequestMessage(HttpMethod.Post, TokenEndpoint) { Content = new FormUrlEncodedContent(fields) };
        if (dpopProof is not null)
        {
            request.Headers.Add("DPoP", dpopProof);
        }

        return request;
    }

    /// <summary>
    /// An admin-listener client sending <c>Authorization: Bearer</c> with a token for <paramref name="subject"/>
    /// carrying <paramref name="roles"/> (none given: all four roles).
    /// </summary>
    public HttpClient CreateAdminClient(string subject = DefaultAdminSubject, params string[] roles)
    {
        var client = CreateAnonymousAdminClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Bearer", MintAdminToken(subject, roles.Length == 0 ? PayerTrustGateway.Admin.AdminRoles.All : roles));
        return client;
    }

    /// <summary>An admin-listener client without credentials (health probes, JWKS, refusals).</summary>
    public HttpClient CreateAnonymousAdminClient() => new() { BaseAddress = AdminBase };

    /// <summary>
    /// An admin token from the host's admin issuer, valid for 10 minutes on the gateway's clock, bent by the
    /// optional arguments for negative tests: another lifetime, issuer, audience, signing key, or claims changed last.
    /// </summary>
    public string MintAdminToken(
        string subject,
        IEnumerable<string> roles,
        TimeSpan? lifetime = null,
        string? issuer = null,
        string? audience = null,
        ECDsa? key = null,
        Action<JsonObject>? claims = null)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var signingKey = key ?? _adminIssuer.Key;
        var now = Services.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        var payload = new JsonObject
        {
            ["iss"] = issuer ?? TestGatewayConfiguration.AdminIssuer,
            ["aud"] = audience ?? TestGatewayConfiguration.AdminAudience,
            ["sub"] = subject,
            ["roles"] = new JsonArray([.. roles.Select(role => (JsonNode?)JsonValue.Create(role))]),
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now,
            ["exp"] = now + (long)(lifetime ?? TimeSpan.FromMinutes(10)).TotalSeconds,
        };
        claims?.Invoke(payload);
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "JWT", ["kid"] = TestJwt.Thumbprint(signingKey) };
        return TestJwt.Sign(header, payload, signingKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Backend.DisposeAsync();
        _adminIssuer.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    // The admin issuer of one host: its key, and the public key file the gateway is configured with.
    private sealed class AdminIssuer : IDisposable
    {
        private AdminIssuer(ECDsa key, string publicKeyPath)
        {
            Key = key;
            PublicKeyPath = publicKeyPath;
        }

        public ECDsa Key { get; }

        public string PublicKeyPath { get; }

        public static AdminIssuer Create()
        {
            var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var path = Path.Combine(Path.GetTempPath(), "ptg-tests", Guid.NewGuid().ToString("N") + "-admin-issuer.pub");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!); // a full path has a folder
            File.WriteAllText(path, key.ExportSubjectPublicKeyInfoPem());
            return new AdminIssuer(key, path);
        }

        public void Dispose()
        {
            Key.Dispose();
            File.Delete(PublicKeyPath);
        }
    }
}
