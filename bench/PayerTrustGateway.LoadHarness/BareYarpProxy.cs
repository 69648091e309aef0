using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Yarp.ReverseProxy.Configuration;

namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// The baseline: YARP on Kestrel with the gateway's TLS listener settings and no trust pipeline — one catch-all
/// route to one backend. Whatever the gateway costs beyond this is the price of its trust stages.
/// </summary>
internal static class BareYarpProxy
{
    private const string RouteId = "catch-all";
    private const string ClusterId = "backend";

    public static async Task RunAsync(BareYarpOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var serverCertificate = PemCertificates.LoadWithPrivateKey(options.ServerCertPath, options.ServerKeyPath);

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCertificate;
                    https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;

                    // Same as the gateway: the handshake accepts any client certificate, chain and partner
                    // checks happen later in the request pipeline (which this baseline deliberately lacks).
                    https.ClientCertificateValidation = static (_, _, _) => true;
                })));

        builder.Services.AddReverseProxy().LoadFromMemory(
            [
                new RouteConfig
                {
                    RouteId = RouteId,
                    ClusterId = ClusterId,
                    Match = new RouteMatch { Path = "/{**catch-all}" },
                },
            ],
            [
                new ClusterConfig
                {
                    ClusterId = ClusterId,
                    Destinations = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase)
                    {
                        [ClusterId] = new DestinationConfig { Address = options.Backend.AbsoluteUri },
                    },
                },
            ]);

        await using var app = builder.Build();
        app.MapReverseProxy();

        await app.StartAsync(cancellationToken);
        await Console.Out.WriteLineAsync(
            $"bare-yarp listening on https://127.0.0.1:{options.Port} -> {options.Backend.AbsoluteUri}");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
