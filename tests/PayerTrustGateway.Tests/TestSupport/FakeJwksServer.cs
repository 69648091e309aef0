using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>An issuer's JWKS endpoint on loopback whose key set a test can rotate, counting fetches.</summary>
public sealed class FakeJwksServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _jwks = "{\"keys\":[]}";
    private int _fetches;

    private FakeJwksServer(WebApplication app, Uri jwksUri)
    {
        _app = app;
        JwksUri = jwksUri;
    }

    public Uri JwksUri { get; }

    public int Fetches => Volatile.Read(ref _fetches);

    public static async Task<FakeJwksServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeJwksServer? self = null;
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref self!._fetches);
            return Results.Text(self._jwks, "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        self = new FakeJwksServer(app, new Uri(new Uri(address), "/jwks"));
        return self;
    }

    /// <summary>Publishes exactly these keys, each with kid = its RFC 7638 thumbprint.</summary>
    public void Publish(params ECDsa[] keys)
    {
        var array = new JsonArray();
        foreach (var key in keys)
        {
            var jwk = TestJwt.PublicJwk(key);
            jwk["kid"] = TestJwt.Thumbprint(key);
            jwk["use"] = "sig";
            array.Add(jwk);
        }

        _jwks = new JsonObject { ["keys"] = array }.ToJsonString();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
