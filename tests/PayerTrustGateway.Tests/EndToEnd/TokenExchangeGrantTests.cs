using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// <c>POST /token</c> with <c>grant_type=urn:ietf:params:oauth:grant-type:token-exchange</c>: a workload
/// narrows a token this service issued it. Scope and audience only shrink (RFC 8693 §2.2.2 errors), and the
/// narrowed token stays bound to the same certificate or DPoP key.
/// </summary>
public sealed class TokenExchangeGrantTests : IClassFixture<GatewayFixture>
{
    private const string Grant = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private readonly GatewayFixture _fixture;

    public TokenExchangeGrantTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayTestHost Host => _fixture.Host;

    [Fact]
    public async Task Narrowing_IssuesAFewerScopeToken_BoundToTheSameCertificate_ThatWorks()
    {
        var subject = await Host.GetTokenAsync(_fixture.Pki.PlanAValid);

        using var response = await ExchangeAsync(_fixture.Pki.PlanAValid, subject, ("scope", "system/Coverage.rs"));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AccessTokenType, body.RootElement.GetProperty("issued_token_type").GetString());
        Assert.Equal("Bearer", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal("system/Coverage.rs", body.RootElement.GetProperty("scope").GetString());
        var narrowed = body.RootElement.GetProperty("access_token").GetString()!;
        var claims = Claims(narrowed);
        var subjectClaims = Claims(subject);
        Assert.Equal(subjectClaims["cnf"]!["x5t#S256"]!.GetValue<string>(), claims["cnf"]!["x5t#S256"]!.GetValue<string>());
        Assert.True(claims["exp"]!.GetValue<long>() <= subjectClaims["exp"]!.GetValue<long>());
        Assert.NotEqual(subjectClaims["jti"]!.GetValue<string>(), claims["jti"]!.GetValue<string>());

        // The narrowed token reads Coverage, no longer Patient.
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(_fixture.Pki.PlanAValid, narrowed, "/fhir/Coverage?patient=member-1001"));
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(_fixture.Pki.PlanAValid, narrowed, "/fhir/Patient/member-1001"));
    }

    [Fact]
    public async Task NarrowedToken_FromAnotherCertificate_IsRefused()
    {
        var subject = await Host.GetTokenAsync(_fixture.Pki.PlanAValid, "system/Coverage.rs");
        using var response = await ExchangeAsync(_fixture.Pki.PlanAValid, subject);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var narrowed = body.RootElement.GetProperty("access_token").GetString()!;

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(_fixture.Pki.PlanAOtherWorkload, narrowed, "/fhir/Coverage?patient=member-1001"));
    }

    [Theory]
    [InlineData("scope", "system/Coverage.rs system/Observation.rs", "invalid_scope")]
    [InlineData("scope", "system/*.rs", "invalid_scope")]
    [InlineData("audience", "https://elsewhere.example", "invalid_target")]
    [InlineData("resource", "https://fhir.backend.test.example/r4", "invalid_target")]
    [InlineData("requested_token_type", "urn:ietf:params:oauth:token-type:id_token", "invalid_request")]
    [InlineData("actor_token", "x", "invalid_request")]
    public async Task Widening_OrOtherTargets_AreRefusedWithRfcErrors(string field, string value, string error)
    {
        var subject = await Host.GetTokenAsync(_fixture.Pki.PlanAValid, "system/Patient.rs system/Coverage.rs");

        using var response = await ExchangeAsync(_fixture.Pki.PlanAValid, subject, (field, value));

        await TokenEndpointTests.AssertOAuthErrorAsync(response, error);
    }

    [Fact]
    public async Task SubjectToken_OfAnotherWorkload_IsRefused()
    {
        var subject = await Host.GetTokenAsync(_fixture.Pki.PlanAOtherWorkload);

        using var response = await ExchangeAsync(_fixture.Pki.PlanAValid, subject);

        await TokenEndpointTests.AssertOAuthErrorAsync(response, "invalid_request");
    }

    [Theory]
    [InlineData("external")]
    [InlineData("garbage")]
    [InlineData("empty")]
    public async Task SubjectToken_NotIssuedHere_IsRefused(string variant)
    {
        var subject = variant switch
        {
            "external" => TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), TestTokens.Claims(Host, _fixture.Pki.PlanAValid)),
            "garbage" => "not-a-token",
            _ => string.Empty,
        };

        using var response = await ExchangeAsync(_fixture.Pki.PlanAValid, subject);

        await TokenEndpointTests.AssertOAuthErrorAsync(response, "invalid_request");
    }

    [Fact]
    public async Task DpopBoundSubject_NeedsAProofWithTheSameKey_AndTheResultStaysDpopBound()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = await Host.GetTokenAsync(_fixture.Pki.PlanAValid, dpopProof: TestDpopProofs.Create(key, "POST", Host.TokenEndpoint.AbsoluteUri));

        using var withoutProof = await ExchangeAsync(_fixture.Pki.PlanAValid, subject);
        await TokenEndpointTests.AssertOAuthErrorAsync(withoutProof, "invalid_dpop_proof");
        using var otherKey = await ExchangeAsync(_fixture.Pki.PlanAValid, subject, proof: TestDpopProofs.Create(other, "POST", Host.TokenEndpoint.AbsoluteUri));
        await TokenEndpointTests.AssertOAuthErrorAsync(otherKey, "invalid_dpop_proof");

        using var response = await ExchangeAsync(_fixture.Pki.PlanAValid, subject, ("scope", "system/Coverage.rs"), TestDpopProofs.Create(key, "POST", Host.TokenEndpoint.AbsoluteUri));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DPoP", body.RootElement.GetProperty("token_type").GetString());
        Assert.Equal(TestJwt.Thumbprint(key), Claims(body.RootElement.GetProperty("access_token").GetString()!)["cnf"]!["jkt"]!.GetValue<string>());
    }

    [Fact]
    public async Task Discovery_AdvertisesTheTokenExchangeGrant()
    {
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);

        using var metadata = JsonDocument.Parse(await client.GetStringAsync(new Uri("/.well-known/oauth-authorization-server", UriKind.Relative)));

        Assert.Contains(Grant, metadata.RootElement.GetProperty("grant_types_supported").EnumerateArray().Select(grant => grant.GetString()));
    }

    private async Task<HttpResponseMessage> ExchangeAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string subject, (string Name, string Value)? extra = null, string? proof = null)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", Grant),
            new("subject_token", subject),
            new("subject_token_type", AccessTokenType),
        };
        if (extra is { } field)
        {
            fields.Add(new(field.Name, field.Value));
        }

        using var client = Host.CreateClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Post, Host.TokenEndpoint) { Content = new FormUrlEncodedContent(fields) };
        if (proof is not null)
        {
            request.Headers.Add("DPoP", proof);
        }

        return await client.SendAsync(request);
    }

    private async Task<HttpStatusCode> StatusAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string token, string path)
    {
        using var client = Host.CreateClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static JsonObject Claims(string token) =>
        JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.Split('.')[1])))!.AsObject();
}
