using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// The real gateway (same composition as <c>serve</c>) on real Kestrel with mutual TLS on loopback
/// port 0, in front of a <see cref="FakeBackend"/>. Tests reach it only through TLS with certificates.
/// </summary>
public sealed class GatewayTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private readonly string _dataDirectory;

    private GatewayTestHost(WebApplication app, TestPki pki, FakeBackend backend, string dataDirectory)
    {
        _app = app;
        _dataDirectory = dataDirectory;
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
        configure?.Invoke(settings);
        var app = GatewayApplication.Build(configFile, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new GatewayTestHost(app, pki, backend, dataDirectory);
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

    public HttpClient CreateAdminClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}/") };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Backend.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
