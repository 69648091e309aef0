using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// The admin listener's own authentication: no admin token is 401 without an error code; any token that is
/// not a current admin token of the admin issuer, for the admin audience, signed with its key (partner tokens
/// and the gateway's own tokens included) is 401 invalid_token; a valid token without a role admitted is 403.
/// Every refusal is a FHIR OperationOutcome and one audit record.
/// </summary>
public sealed class AdminAccessTests : IClassFixture<ConsentGatewayFixture>
{
    private const string StatusPath = "/config/status";

    private readonly ConsentGatewayFixture _fixture;

    public AdminAccessTests(ConsentGatewayFixture fixture) => _fixture = fixture;

    private GatewayTestHost Host => _fixture.Host;

    [Fact]
    public async Task Request_WithoutToken_401AdminTokenMissing_WithBearerChallengeWithoutErrorCode()
    {
        using var admin = Host.CreateAnonymousAdminClient();

        using var response = await admin.GetAsync(new Uri(StatusPath, UriKind.Relative));

        await DenialAssert.RefusedAsync(response, Host, Guid.NewGuid().ToString("N"), HttpStatusCode.Unauthorized, "admin-token-missing", "Bearer", challengeError: null);
        Assert.Equal("realm=\"payer-trust-gateway\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter);
        var record = AuditAssert.Single(Host, response);
        Assert.Equal(("admin", "operator", null), (record.Listener, record.ActorKind, record.Actor));
    }

    [Theory]
    [InlineData("wrong-issuer")]
    [InlineData("wrong-audience")]
    [InlineData("partner-issuer-key")]
    [InlineData("random-key")]
    [InlineData("alg-none")]
    [InlineData("hs256-keyed-with-the-public-key")]
    [InlineData("lifetime-over-max")]
    [InlineData("no-iat")]
    [InlineData("no-exp")]
    [InlineData("issued-in-the-future")]
    [InlineData("not-yet-valid")]
    [InlineData("no-subject")]
    [InlineData("not-a-jwt")]
    public async Task Request_InvalidToken_401AdminTokenInvalid(string bend)
    {
        using var admin = Host.CreateAnonymousAdminClient();
        var token = Bent(bend);

        using var response = await SendAsync(admin, token);

        await AssertInvalidAsync(response, token);
    }

    [Fact]
    public async Task Request_PartnerIssuerTokenWithAdminRoles_401AdminTokenInvalid()
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        claims["roles"] = new JsonArray([.. AdminRoles.All.Select(role => (JsonNode?)role)]);
        var token = TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims);
        using var admin = Host.CreateAnonymousAdminClient();

        using var response = await SendAsync(admin, token);

        await AssertInvalidAsync(response, token);
    }

    [Fact]
    public async Task Request_TokenIssuedByTheGatewayToAPartner_401AdminTokenInvalid()
    {
        var token = await Host.GetTokenAsync(_fixture.Pki.PlanAValid);
        using var admin = Host.CreateAnonymousAdminClient();

        using var response = await SendAsync(admin, token);

        await AssertInvalidAsync(response, token);
    }

    [Fact]
    public async Task Request_AdminTokenOnThePartnerListener_IsNotAPartnerCredential()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Host.MintAdminToken("alice", AdminRoles.All));

        using var response = await client.SendAsync(request);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, "token-invalid", "Bearer", "invalid_token");
    }

    [Fact]
    public async Task Request_ExpiredToken_AcceptedWithinSkew_Then401AdminTokenInvalid()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await ConsentTestHost.StartAsync(pki, time);
        using var admin = host.CreateAdminClient("alice", AdminRoles.Reviewer);
        using (var fresh = await admin.GetAsync(new Uri(StatusPath, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        // Minted for 10 minutes; the default skew is 30 s.
        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(29));
        using (var withinSkew = await admin.GetAsync(new Uri(StatusPath, UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, withinSkew.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(2));
        using var expired = await admin.GetAsync(new Uri(StatusPath, UriKind.Relative));

        await DenialAssert.RefusedAsync(expired, host, Guid.NewGuid().ToString("N"), HttpStatusCode.Unauthorized, "admin-token-invalid", "Bearer", "invalid_token");
    }

    [Theory]
    [InlineData("superuser")]
    [InlineData("")]
    public async Task Request_ValidTokenWithoutAnAdminRole_403AdminRoleMissing_RecordingWhoWasRefused(string role)
    {
        using var admin = Host.CreateAnonymousAdminClient();
        var token = Host.MintAdminToken("mallory", role.Length == 0 ? [] : [role]);

        using var response = await SendAsync(admin, token);

        await DenialAssert.RefusedAsync(response, Host, Guid.NewGuid().ToString("N"), HttpStatusCode.Forbidden, "admin-role-missing", null, null, OperationOutcome.IssueType.Forbidden);
        Assert.Equal("mallory", AuditAssert.Single(Host, response).Actor);
    }

    [Fact]
    public async Task Request_RolesClaimAsOneString_IsOneRole()
    {
        using var admin = Host.CreateAnonymousAdminClient();
        var token = Host.MintAdminToken("audra", [], claims: claims => claims["roles"] = AdminRoles.Auditor);

        using var records = await SendAsync(admin, token, "/admin/audit/verify");
        using var rotate = await SendAsync(admin, token, "/admin/keys/rotate", HttpMethod.Post);

        Assert.Equal(HttpStatusCode.OK, records.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, rotate.StatusCode);
    }

    private string Bent(string bend)
    {
        string[] roles = [.. AdminRoles.All];
        return bend switch
        {
            "wrong-issuer" => Host.MintAdminToken("alice", roles, issuer: "https://other-admin-issuer.test.example"),
            "wrong-audience" => Host.MintAdminToken("alice", roles, audience: TestGatewayConfiguration.PublicOrigin(Host.PartnerPort)),
            "partner-issuer-key" => Host.MintAdminToken("alice", roles, key: _fixture.Pki.IssuerKey),
            "random-key" => MintWithFreshKey(roles),
            "alg-none" => TestJwt.Unsigned(new JsonObject { ["alg"] = "none", ["typ"] = "JWT" }, Payload(Host.MintAdminToken("alice", roles))),
            "hs256-keyed-with-the-public-key" => TestJwt.SignHmac(
                new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" }, Payload(Host.MintAdminToken("alice", roles)), Encoding.ASCII.GetBytes(Host.AdminIssuerKey.ExportSubjectPublicKeyInfoPem())),
            "lifetime-over-max" => Host.MintAdminToken("alice", roles, lifetime: TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1)),
            "no-iat" => Host.MintAdminToken("alice", roles, claims: claims => claims.Remove("iat")),
            "no-exp" => Host.MintAdminToken("alice", roles, claims: claims => claims.Remove("exp")),
            "issued-in-the-future" => Host.MintAdminToken("alice", roles, claims: claims => Shift(claims, TimeSpan.FromMinutes(5), "iat", "exp")),
            "not-yet-valid" => Host.MintAdminToken("alice", roles, claims: claims => claims["nbf"] = claims["iat"]!.GetValue<long>() + 300),
            "no-subject" => Host.MintAdminToken("alice", roles, claims: claims => claims.Remove("sub")),
            "not-a-jwt" => "not-a-jwt",
            _ => throw new ArgumentOutOfRangeException(nameof(bend)),
        };
    }

    private string MintWithFreshKey(string[] roles)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return Host.MintAdminToken("alice", roles, key: key);
    }

    private static void Shift(JsonObject claims, TimeSpan by, params string[] names)
    {
        foreach (var name in names)
        {
            claims[name] = claims[name]!.GetValue<long>() + (long)by.TotalSeconds;
        }
    }

    private static JsonObject Payload(string token) =>
        JsonNode.Parse(Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1])))!.AsObject();

    private static async Task<HttpResponseMessage> SendAsync(HttpClient admin, string token, string path = StatusPath, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await admin.SendAsync(request);
    }

    private async Task AssertInvalidAsync(HttpResponseMessage response, string token)
    {
        await DenialAssert.RefusedAsync(response, Host, Guid.NewGuid().ToString("N"), HttpStatusCode.Unauthorized, "admin-token-invalid", "Bearer", "invalid_token");
        var record = AuditAssert.Single(Host, response);
        Assert.Equal(("admin", null), (record.Listener, record.Actor));
        Assert.DoesNotContain(token, System.Text.Json.JsonSerializer.Serialize(record), StringComparison.Ordinal);
    }
}
