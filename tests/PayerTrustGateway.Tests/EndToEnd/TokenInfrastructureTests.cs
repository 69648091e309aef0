using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Remote JWKS (rotation, unreachable issuer), DPoP server nonces and single-use tokens, each on its own gateway.</summary>
public sealed class TokenInfrastructureTests
{
    private const string Path = "/fhir/Patient/member-1001";
    private const string RemoteIssuer = "https://remote-issuer.test.example";

    [Fact]
    public async Task Request_IssuerRotatedToUnknownKid_RefreshesJwksOnceAndAccepts()
    {
        using var pki = new TestPki();
        await using var jwks = await FakeJwksServer.StartAsync();
        using var oldKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        jwks.Publish(oldKey);
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await GatewayTestHost.StartAsync(
            pki,
            settings =>
            {
                RemoteIssuerSettings(settings, jwks.JwksUri);
                settings["TrustGateway:Issuers:remote:JwksMinimumRefreshInterval"] = "00:00:01";
            },
            services => services.AddSingleton<TimeProvider>(time));
        using (var first = await SendAsync(host, pki, RemoteToken(host, pki, oldKey), Guid.NewGuid().ToString("N")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var fetchesBefore = jwks.Fetches;
        jwks.Publish(oldKey, newKey);
        time.Advance(TimeSpan.FromSeconds(2));
        var testCase = Guid.NewGuid().ToString("N");
        using var rotated = await SendAsync(host, pki, RemoteToken(host, pki, newKey), testCase);

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(fetchesBefore + 1, jwks.Fetches);
        Assert.Single(host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_UnknownKidAgainWithinRefreshInterval_DoesNotRefetchAndRefuses()
    {
        using var pki = new TestPki();
        await using var jwks = await FakeJwksServer.StartAsync();
        using var known = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var unknown = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        jwks.Publish(known);
        await using var host = await GatewayTestHost.StartAsync(pki, settings => RemoteIssuerSettings(settings, jwks.JwksUri));
        using (await SendAsync(host, pki, RemoteToken(host, pki, unknown), Guid.NewGuid().ToString("N")))
        {
        }

        var fetches = jwks.Fetches;
        var testCase = Guid.NewGuid().ToString("N");
        using var response = await SendAsync(host, pki, RemoteToken(host, pki, unknown), testCase);

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Unauthorized, "token-invalid", "Bearer", "invalid_token");
        Assert.Equal(fetches, jwks.Fetches);
    }

    [Fact]
    public async Task Request_IssuerJwksUnreachable_FailsClosedWith401()
    {
        using var pki = new TestPki();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var unreachable = new Uri($"http://127.0.0.1:{LoopbackTestServer.UnusedPort()}/jwks");
        await using var host = await GatewayTestHost.StartAsync(pki, settings => RemoteIssuerSettings(settings, unreachable));
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(host, pki, RemoteToken(host, pki, key), testCase);

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Unauthorized, "token-issuer-unavailable", "Bearer", "invalid_token");
    }

    [Fact]
    public async Task Request_NonceRequiredAndMissing_Returns401UseDpopNonceThenAcceptsRetryWithNonce()
    {
        using var pki = new TestPki();
        using var dpopKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:Tokens:RequireDpopNonce"] = "true");
        var claims = TestTokens.Claims(host, pki.PlanAValid);
        claims["cnf"] = new JsonObject { ["jkt"] = TestJwt.Thumbprint(dpopKey) };
        var token = TestTokens.Sign(pki, TestTokens.Header(pki), claims);
        var htu = TestGatewayConfiguration.PublicOrigin(host.PartnerPort) + Path;
        var first = Guid.NewGuid().ToString("N");

        using var challenged = await SendAsync(host, pki, token, first, "DPoP", TestDpopProofs.Create(dpopKey, "GET", htu, token));
        var nonce = Assert.Single(challenged.Headers.GetValues("DPoP-Nonce"));
        await DenialAssert.RefusedAsync(challenged, host, first, HttpStatusCode.Unauthorized, "dpop-nonce-required", "DPoP", "use_dpop_nonce");

        var proofClaims = TestDpopProofs.Claims("GET", htu, token);
        proofClaims["nonce"] = nonce;
        var second = Guid.NewGuid().ToString("N");
        using var accepted = await SendAsync(host, pki, token, second, "DPoP", TestJwt.Sign(TestDpopProofs.Header(dpopKey), proofClaims, dpopKey));

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(second));
    }

    [Theory]
    [InlineData("TrustGateway:Issuers:test:SingleUse", "external-issuer")]
    [InlineData("TrustGateway:Policies:member-data:SingleUseTokens", "gateway-issuer")]
    public async Task Request_SingleUseTokenPresentedTwice_SecondReturns401(string setting, string issuer)
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings[setting] = "true");
        var token = issuer == "external-issuer"
            ? TestTokens.Sign(pki, TestTokens.Header(pki), TestTokens.Claims(host, pki.PlanAValid))
            : await host.GetTokenAsync(pki.PlanAValid);
        using (var first = await SendAsync(host, pki, token, Guid.NewGuid().ToString("N")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        var testCase = Guid.NewGuid().ToString("N");
        using var second = await SendAsync(host, pki, token, testCase);

        await DenialAssert.RefusedAsync(second, host, testCase, HttpStatusCode.Unauthorized, "token-replayed", "Bearer", "invalid_token");
    }

    [Fact]
    public async Task Request_SingleUseTokenReplayedAfterExpWithinSkew_Returns401()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await GatewayTestHost.StartAsync(
            pki, settings => settings["TrustGateway:Issuers:test:SingleUse"] = "true", services => services.AddSingleton<TimeProvider>(time));
        var token = TestTokens.Sign(pki, TestTokens.Header(pki), TestTokens.Claims(host, pki.PlanAValid));
        using (var first = await SendAsync(host, pki, token, Guid.NewGuid().ToString("N")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // exp + 5 s: still inside the 30 s skew, so the token itself is accepted; its first use must still count.
        time.Advance(TimeSpan.FromSeconds(305));
        var testCase = Guid.NewGuid().ToString("N");
        using var replayed = await SendAsync(host, pki, token, testCase);

        await DenialAssert.RefusedAsync(replayed, host, testCase, HttpStatusCode.Unauthorized, "token-replayed", "Bearer", "invalid_token");
    }

    [Fact]
    public async Task Token_SuspendedWorkload_Returns401AndIssuesNothing()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:Status"] = "Suspended");
        using var client = host.CreateClient(pki.PlanAValid);

        using var response = await client.SendAsync(host.TokenRequest());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        OperationOutcomeAssert.HasIssue(body, Hl7.Fhir.Model.OperationOutcome.IssueType.Login, "workload-not-active");
        Assert.DoesNotContain("access_token", body, StringComparison.Ordinal);
    }

    private static void RemoteIssuerSettings(Dictionary<string, string?> settings, Uri jwks)
    {
        settings["TrustGateway:Issuers:remote:Issuer"] = RemoteIssuer;
        settings["TrustGateway:Issuers:remote:JwksUri"] = jwks.AbsoluteUri;
        settings["TrustGateway:Issuers:remote:Audiences:0"] = "gateway-resource";
        settings["TrustGateway:Issuers:remote:JwksMinimumRefreshInterval"] = "00:05:00";
    }

    private static string RemoteToken(GatewayTestHost host, TestPki pki, ECDsa key)
    {
        var claims = TestTokens.Claims(host, pki.PlanAValid);
        claims["iss"] = RemoteIssuer;
        claims["aud"] = "gateway-resource";
        var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "at+jwt", ["kid"] = TestJwt.Thumbprint(key) };
        return TestJwt.Sign(header, claims, key);
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayTestHost host, TestPki pki, string token, string testCase, string scheme = "Bearer", string? proof = null)
    {
        using var client = host.CreateClient(pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(Path, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue(scheme, token);
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await client.SendAsync(request);
    }
}
