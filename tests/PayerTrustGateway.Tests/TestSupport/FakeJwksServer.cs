using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        FakeJwksServer? self = null;
        var (app, address) = await LoopbackTestServer.StartAsync(app => app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref self!._fetches);
            return Results.Text(self._jwks, "application/json");
        }));
        self = new FakeJwksServer(app, new Uri(address, "jwks"));
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
