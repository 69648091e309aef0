using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary><c>POST /token</c> (client credentials, tls_client_auth / private_key_jwt) and discovery.</summary>
public sealed class TokenEndpointTests : IClassFixture<GatewayFixture>
{
    private const string AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private readonly GatewayFixture _fixture;

    public TokenEndpointTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayTestHost Host => _fixture.Host;

    [Fact]
    public async Task Token_MutualTlsOnly_IssuesCertificateBoundTokenWithRegisteredScopes()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(Host.TokenRequest());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(300, body.RootElement.GetProperty("expires_in").GetInt32());
        Assert.Equal("system/Patient.rs system/Coverage.rs system/ExplanationOfBenefit.rs", body.RootElement.GetProperty("scope").GetString());
        var (header, claims) = Decode(body.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal("at+jwt", header["typ"]!.GetValue<string>());
        Assert.Equal("ES256", header["alg"]!.GetValue<string>());
        Assert.Equal("plan-a/claims-sync", claims["client_id"]!.GetValue<string>());
        Assert.Equal("plan-a/claims-sync", claims["sub"]!.GetValue<string>());
        Assert.Equal(CertificateFacts.ComputeThumbprint(_fixture.Pki.PlanAValid.RawData), claims["cnf"]!["x5t#S256"]!.GetValue<string>());
        Assert.Equal(300, claims["exp"]!.GetValue<long>() - claims["iat"]!.GetValue<long>());
    }

    [Fact]
    public async Task Token_RequestedSubsetOfScopes_GrantsExactlyThose()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(Host.TokenRequest("system/Coverage.rs"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("system/Coverage.rs", body.RootElement.GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Token_ValidClientAssertion_IssuesToken()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(Host.TokenRequest(extra: Assertion(Claims())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Token_AssertionWithB2bPurposeOfUse_CarriesItIntoTheToken()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        var claims = Claims();
        claims["extensions"] = new JsonObject { ["hl7-b2b"] = new JsonObject { ["version"] = "1", ["organization_id"] = "https://plan-a.example/org", ["purpose_of_use"] = new JsonArray("COVERAGE") } };

        using var response = await client.SendAsync(Host.TokenRequest(extra: Assertion(claims)));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, token) = Decode(body.RootElement.GetProperty("access_token").GetString()!);
        Assert.Equal("COVERAGE", Assert.Single(token["purpose_of_use"]!.AsArray())!.GetValue<string>());
    }

    public static TheoryData<string> BadAssertions => new()
    {
        "exp-10-minutes", "aud-is-issuer", "aud-trailing-slash", "b2b-organization-of-another-partner", "b2b-without-purpose", "iss-not-client", "sub-not-iss", "signed-by-other-key", "jti-missing", "typ-at-jwt", "expired", "wrong-type-parameter",
    };

    [Theory]
    [MemberData(nameof(BadAssertions))]
    public async Task Token_BadClientAssertion_Returns400InvalidClient(string variant)
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        var claims = Claims();
        var header = AssertionHeader();
        var type = AssertionType;
        var key = _fixture.Pki.AssertionKey;
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);
        switch (variant)
        {
            case "exp-10-minutes": claims["exp"] = TestJwt.Now() + 600; break;
            case "b2b-organization-of-another-partner":
                claims["extensions"] = new JsonObject { ["hl7-b2b"] = new JsonObject { ["version"] = "1", ["organization_id"] = "https://plan-b.example/org", ["purpose_of_use"] = new JsonArray("COVERAGE") } };
                break;
            case "b2b-without-purpose":
                claims["extensions"] = new JsonObject { ["hl7-b2b"] = new JsonObject { ["version"] = "1", ["organization_id"] = "https://plan-a.example/org" } };
                break;
            case "aud-is-issuer": claims["aud"] = TestGatewayConfiguration.PublicOrigin(Host.PartnerPort); break;
            case "aud-trailing-slash": claims["aud"] = Host.TokenEndpoint.AbsoluteUri + "/"; break;
            case "iss-not-client": claims["iss"] = "plan-b/member-match"; break;
            case "sub-not-iss": claims["sub"] = "plan-b/member-match"; break;
            case "signed-by-other-key": key = other; break;
            case "jti-missing": claims.Remove("jti"); break;
            case "typ-at-jwt": header["typ"] = "at+jwt"; break;
            case "expired": claims["iat"] = TestJwt.Now() - 600; claims["exp"] = TestJwt.Now() - 300; break;
            case "wrong-type-parameter": type = "urn:ietf:params:oauth:client-assertion-type:saml2-bearer"; break;
            default: throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant");
        }

        using var response = await client.SendAsync(Host.TokenRequest(extra: Assertion(claims, header, key, type)));

        await AssertOAuthErrorAsync(response, "invalid_client");
    }

    [Fact]
    public async Task Token_ReplayedClientAssertion_SecondReturnsInvalidClient()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        var assertion = Assertion(Claims());
        using (var first = await client.SendAsync(Host.TokenRequest(extra: assertion)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using var replayed = await client.SendAsync(Host.TokenRequest(extra: assertion));

        await AssertOAuthErrorAsync(replayed, "invalid_client");
    }

    [Theory]
    [InlineData("system/Claim.rs")]
    [InlineData("system/Patient.rs system/*.rs")]
    [InlineData("patient/Patient.rs")]
    public async Task Token_ScopeNotRegistered_ReturnsInvalidScope(string scope)
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(Host.TokenRequest(scope));

        await AssertOAuthErrorAsync(response, "invalid_scope");
    }

    [Fact]
    public async Task Token_UnsupportedGrant_ReturnsUnsupportedGrantType()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        using var request = new HttpRequestMessage(HttpMethod.Post, Host.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "password"), new("username", "a"), new("password", "b")]),
        };

        using var response = await client.SendAsync(request);

        await AssertOAuthErrorAsync(response, "unsupported_grant_type");
    }

    [Fact]
    public async Task Token_ClientIdOfAnotherWorkload_ReturnsInvalidClient()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);

        using var response = await client.SendAsync(Host.TokenRequest(extra: [new("client_id", "plan-b/member-match")]));

        await AssertOAuthErrorAsync(response, "invalid_client");
    }

    [Theory]
    [InlineData("suspended-partner")]
    [InlineData("no-certificate")]
    [InlineData("unknown-ca")]
    public async Task Token_CallerNotAnActiveWorkload_Returns401(string caller)
    {
        var certificate = caller switch
        {
            "suspended-partner" => _fixture.Pki.PlanCValid,
            "unknown-ca" => _fixture.Pki.RogueClaimingPlanA,
            _ => null,
        };
        using var client = Host.CreateClient(certificate);

        using var response = await client.SendAsync(Host.TokenRequest());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("access_token", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discovery_MetadataAndJwks_DescribeTheTokenService()
    {
        using var client = Host.CreateClient(null);
        var origin = TestGatewayConfiguration.PublicOrigin(Host.PartnerPort);

        using var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri("/.well-known/oauth-authorization-server", UriKind.Relative)));
        using var smart = JsonDocument.Parse(await client.GetStringAsync(new Uri("/.well-known/smart-configuration", UriKind.Relative)));
        using var jwks = JsonDocument.Parse(await client.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative)));

        Assert.Equal(origin + "/token", metadata.RootElement.GetProperty("token_endpoint").GetString());
        Assert.True(metadata.RootElement.GetProperty("tls_client_certificate_bound_access_tokens").GetBoolean());
        Assert.Contains("private_key_jwt", smart.RootElement.GetProperty("token_endpoint_auth_methods_supported").EnumerateArray().Select(e => e.GetString()));
        var key = Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray());
        Assert.False(key.TryGetProperty("d", out _));
        var token = await Host.GetTokenAsync(_fixture.Pki.PlanAValid);
        Assert.Equal(key.GetProperty("kid").GetString(), Decode(token).Header["kid"]!.GetValue<string>());
    }

    private JsonObject Claims()
    {
        var now = TestJwt.Now();
        return new JsonObject
        {
            ["iss"] = "plan-a/claims-sync",
            ["sub"] = "plan-a/claims-sync",
            ["aud"] = Host.TokenEndpoint.AbsoluteUri,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now,
            ["exp"] = now + 240,
        };
    }

    private static JsonObject AssertionHeader() => new() { ["alg"] = "ES384", ["typ"] = "JWT" };

    private List<KeyValuePair<string, string>> Assertion(JsonObject claims, JsonObject? header = null, System.Security.Cryptography.ECDsa? key = null, string type = AssertionType) =>
    [
        new("client_assertion_type", type),
        new("client_assertion", TestJwt.Sign(header ?? AssertionHeader(), claims, key ?? _fixture.Pki.AssertionKey)),
    ];

    internal static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string error)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var body = JsonDocument.Parse(text);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.False(body.RootElement.TryGetProperty("access_token", out _));
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }

    private static (JsonObject Header, JsonObject Claims) Decode(string token)
    {
        var parts = token.Split('.');
        return (JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])))!.AsObject(),
            JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])))!.AsObject());
    }
}
