using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>RFC 9449 DPoP on a proxied route: proof checks, jkt binding, replay, scheme rules.</summary>
public sealed class DpopTests : IClassFixture<GatewayFixture>, IDisposable
{
    private const string Path = "/fhir/Patient/member-1001";
    private readonly GatewayFixture _fixture;
    private readonly ECDsa _dpopKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public DpopTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayTestHost Host => _fixture.Host;

    private string Htu => TestGatewayConfiguration.PublicOrigin(Host.PartnerPort) + Path;

    public static TheoryData<string> InvalidProofs => new()
    {
        "htm-post-on-get", "htu-other-path", "htu-with-query", "htu-http-scheme", "htu-other-host", "iat-stale", "iat-future",
        "ath-of-another-token", "ath-missing", "ath-non-canonical", "typ-jwt", "alg-hs256", "jwk-with-private-d", "jwk-missing",
        "signed-by-another-key", "jti-missing", "jti-too-long", "proof-of-another-key",
    };

    [Theory]
    [MemberData(nameof(InvalidProofs))]
    public async Task Request_InvalidProof_Returns401InvalidDpopProofAndNothingForwarded(string variant)
    {
        var token = BoundToken();
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(token, Proof(variant, token), testCase);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, "dpop-proof-invalid", "DPoP", "invalid_dpop_proof");
        Assert.Contains("algs=", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ValidProof_IsForwardedWithoutTokenOrProof()
    {
        var token = BoundToken();
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(token, TestDpopProofs.Create(_dpopKey, "GET", Htu, token), testCase);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(Host.Backend.ReceivedFor(testCase));
        await DownstreamTokenVerifier.VerifyAsync(Host, forwarded, token);
    }

    [Fact]
    public async Task Request_SameProofTwice_SecondReturns401Replayed()
    {
        var token = BoundToken();
        var proof = TestDpopProofs.Create(_dpopKey, "GET", Htu, token);
        var first = Guid.NewGuid().ToString("N");
        var second = Guid.NewGuid().ToString("N");
        using (var accepted = await SendAsync(token, proof, first))
        {
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        using var replayed = await SendAsync(token, proof, second);

        await DenialAssert.RefusedAsync(replayed, Host, second, HttpStatusCode.Unauthorized, "dpop-proof-replayed", "DPoP", "invalid_dpop_proof");
    }

    [Fact]
    public async Task Request_DpopBoundTokenWithoutProof_Returns401()
    {
        var token = BoundToken();
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(token, null, testCase);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, "dpop-proof-invalid", "DPoP", "invalid_dpop_proof");
    }

    [Fact]
    public async Task Request_DpopSchemeWithCertificateBoundToken_Returns401SchemeMismatch()
    {
        var token = await Host.GetTokenAsync(_fixture.Pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(token, TestDpopProofs.Create(_dpopKey, "GET", Htu, token), testCase);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, "token-scheme-mismatch", "DPoP", "invalid_token");
    }

    [Fact]
    public async Task TokenEndpoint_WithDpopProof_IssuesDpopTokenUsableWithProofs()
    {
        var tokenEndpoint = Host.TokenEndpoint.AbsoluteUri;
        var token = await Host.GetTokenAsync(_fixture.Pki.PlanAValid, dpopProof: TestDpopProofs.Create(_dpopKey, "POST", tokenEndpoint));
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(token, TestDpopProofs.Create(_dpopKey, "GET", Htu, token), testCase);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Host.Backend.ReceivedFor(testCase));
    }

    public void Dispose() => _dpopKey.Dispose();

    private async Task<HttpResponseMessage> SendAsync(string token, string? proof, string testCase)
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(Path, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("DPoP", token);
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await client.SendAsync(request);
    }

    // A token from the test issuer bound to the DPoP key only (cnf.jkt).
    private string BoundToken()
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        claims["cnf"] = new JsonObject { ["jkt"] = TestJwt.Thumbprint(_dpopKey) };
        return TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims);
    }

    private string Proof(string variant, string token)
    {
        var header = TestDpopProofs.Header(_dpopKey);
        var claims = TestDpopProofs.Claims("GET", Htu, token);
        var origin = TestGatewayConfiguration.PublicOrigin(Host.PartnerPort);
        switch (variant)
        {
            case "htm-post-on-get": claims["htm"] = "POST"; break;
            case "htu-other-path": claims["htu"] = origin + "/fhir/Patient/member-1002"; break;
            case "htu-with-query": claims["htu"] = Htu + "?_id=1"; break;
            case "htu-http-scheme": claims["htu"] = "http" + Htu[5..]; break;
            case "htu-other-host": claims["htu"] = $"https://evil.example:{Host.PartnerPort}{Path}"; break;
            case "iat-stale": claims["iat"] = TestJwt.Now() - 120; break;
            case "iat-future": claims["iat"] = TestJwt.Now() + 60; break;
            case "ath-of-another-token": claims["ath"] = TestJwt.Ath(token + "x"); break;
            case "ath-missing": claims.Remove("ath"); break;
            case "ath-non-canonical": claims["ath"] = "PmmmX3hGaCZdHR1f1no1rcLxVfB4VEw5RNDCZytJR2W"; break;
            case "typ-jwt": header["typ"] = "JWT"; break;
            case "alg-hs256":
                header["alg"] = "HS256";
                return TestJwt.SignHmac(header, claims, new byte[32]);
            case "jwk-with-private-d":
                header["jwk"]!["d"] = System.Buffers.Text.Base64Url.EncodeToString(_dpopKey.ExportParameters(true).D);
                break;
            case "jwk-missing": header.Remove("jwk"); break;
            case "jti-missing": claims.Remove("jti"); break;
            case "jti-too-long": claims["jti"] = new string('j', 300); break;
            case "signed-by-another-key":
                using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return TestJwt.Sign(header, claims, other);
                }

            case "proof-of-another-key":
                using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return TestDpopProofs.Create(other, "GET", Htu, token);
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant");
        }

        return TestJwt.Sign(header, claims, _dpopKey);
    }
}
