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

    private GatewayTestHost(WebApplication app, TestPki pki, FakeBackend backend)
    {
        _app = app;
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
        var settings = TestGatewayConfiguration.Create(pki, backend.Address);
        configure?.Invoke(settings);
        var app = GatewayApplication.Build(configFile, builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new GatewayTestHost(app, pki, backend);
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

    public HttpClient CreateAdminClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{AdminPort}/") };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Backend.DisposeAsync();
    }
}
