using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Tests.TestSupport;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Mode External (S6.1 b – S6.6): the gateway exchanges the partner token at the payer's authorization
/// server. Success forwards exactly the issued token; a refusal is a 403, an absent or failing server a 503,
/// and in neither case does anything reach the backend.
/// </summary>
public sealed class ExternalTokenExchangeTests
{
    private const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string PatientPath = "/fhir/Patient/member-1001";
    private const string GatewayClient = "ptg-gateway";

    [Fact]
    public async Task Success_ForwardsTheIssuedToken_AfterARequestShapedByS6()
    {
        await using var sts = await FakeTokenExchangeServer.StartAsync();
        sts.Answer(200, Success(scope: "system/Patient.rs"));
        using var pki = new TestPki();
        await using var host = await StartAsync(pki, sts);
        var inbound = Inbound(host, pki);

        var (response, forwarded) = await SendAsync(host, pki, inbound);
        var (second, secondForwarded) = await SendAsync(host, pki, inbound);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Bearer sts-issued.token.value", Assert.Single(forwarded).Header("Authorization"));
        Assert.Equal("Bearer sts-issued.token.value", Assert.Single(secondForwarded).Header("Authorization"));
        Assert.Null(forwarded[0].Header("DPoP"));

        // One exchange: the second request reused the token (same workload, policy, audience, scopes, partner token).
        var form = Assert.Single(sts.Received);
        Assert.Equal("urn:ietf:params:oauth:grant-type:token-exchange", form["grant_type"]);
        Assert.Equal(inbound, form["subject_token"]);
        Assert.Equal(AccessTokenType, form["subject_token_type"]);
        Assert.Equal(AccessTokenType, form["requested_token_type"]);
        Assert.Equal(TestGatewayConfiguration.BackendAudience, form["audience"]);
        Assert.Equal(TestGatewayConfiguration.BackendAudience, form["resource"]);
        Assert.Equal("system/Patient.rs system/Coverage.rs", form["scope"]);
        Assert.False(form.ContainsKey("actor_token"));
        Assert.False(form.ContainsKey("actor_token_type"));
        Assert.Equal(GatewayClient, form["client_id"]);
        Assert.Equal("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", form["client_assertion_type"]);
        var assertion = await VerifyGatewaySignedAsync(host, form["client_assertion"], sts.TokenEndpoint);
        Assert.Equal(GatewayClient, assertion.Issuer);
        Assert.Equal(GatewayClient, assertion.Subject);
    }

    [Fact]
    public async Task ActorToken_NamesTheWorkload_WhenConfigured()
    {
        await using var sts = await FakeTokenExchangeServer.StartAsync();
        sts.Answer(200, Success());
        using var pki = new TestPki();
        await using var host = await StartAsync(pki, sts, settings => settings["TrustGateway:TokenExchange:External:SendActorToken"] = "true");

        var (response, _) = await SendAsync(host, pki, Inbound(host, pki));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = Assert.Single(sts.Received);
        Assert.Equal("urn:ietf:params:oauth:token-type:jwt", form["actor_token_type"]);
        var actor = await VerifyGatewaySignedAsync(host, form["actor_token"], sts.TokenEndpoint);
        Assert.Equal("plan-a/claims-sync", actor.Subject);
    }

    [Theory]
    [InlineData(400, "{\"error\":\"invalid_target\",\"error_description\":\"STS-SECRET-DETAIL audience not allowed\"}")]
    [InlineData(400, "{\"error\":\"invalid_request\",\"error_description\":\"STS-SECRET-DETAIL may_act\"}")]
    [InlineData(200, "{\"access_token\":\"t\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\",\"token_type\":\"Bearer\",\"expires_in\":300,\"scope\":\"system/Patient.rs system/Claim.rs\"}")]
    [InlineData(200, "{\"access_token\":\"t\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:id_token\",\"token_type\":\"Bearer\",\"expires_in\":300}")]
    [InlineData(200, "{\"access_token\":\"t\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\",\"token_type\":\"N_A\",\"expires_in\":300}")]
    public async Task RefusalOrAnswerOutsideTheRequest_Returns403_AndForwardsNothing(int status, string body)
    {
        await using var sts = await FakeTokenExchangeServer.StartAsync();
        sts.Answer(status, body);
        using var pki = new TestPki();
        await using var host = await StartAsync(pki, sts);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(host, pki, Inbound(host, pki), testCase);

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "token-exchange-refused", null, null, OperationOutcome.IssueType.Forbidden);
        Assert.DoesNotContain("STS-SECRET-DETAIL", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(sts.Received); // S6.5: a refusal is not retried
    }

    [Theory]
    [InlineData(500, "{\"error\":\"server_error\"}")]
    [InlineData(401, "{\"error\":\"invalid_client\"}")]
    [InlineData(200, "not json")]
    [InlineData(200, "{\"issued_token_type\":\"urn:ietf:params:oauth:token-type:access_token\",\"token_type\":\"Bearer\"}")]
    public async Task FailingServer_Returns503_AndForwardsNothing(int status, string body)
    {
        await using var sts = await FakeTokenExchangeServer.StartAsync();
        sts.Answer(status, body);
        using var pki = new TestPki();
        await using var host = await StartAsync(pki, sts);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(host, pki, Inbound(host, pki), testCase);

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.ServiceUnavailable, "token-exchange-unavailable", null, null, OperationOutcome.IssueType.Transient);
    }

    [Fact]
    public async Task TransientFailure_IsRetried_ThenSucceeds()
    {
        await using var sts = await FakeTokenExchangeServer.StartAsync();
        sts.Answer(call => call < 3 ? (503, "{}") : (200, Success()));
        using var pki = new TestPki();
        await using var host = await StartAsync(pki, sts, settings => settings["TrustGateway:TokenExchange:External:MaxRetries"] = "2");

        var (response, forwarded) = await SendAsync(host, pki, Inbound(host, pki));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(forwarded);
        Assert.Equal(3, sts.Received.Count);
    }

    [Fact]
    public async Task Unreachable_Returns503_AndForwardsNothing()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings =>
        {
            External(settings, new Uri($"http://127.0.0.1:{LoopbackTestServer.UnusedPort()}/token"));
        });
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(host, pki, Inbound(host, pki), testCase);

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.ServiceUnavailable, "token-exchange-unavailable", null, null, OperationOutcome.IssueType.Transient);
    }

    [Fact]
    public async Task Timeout_Returns503_AndForwardsNothing()
    {
        await using var sts = await FakeTokenExchangeServer.StartAsync();
        sts.Answer(_ => null);
        using var pki = new TestPki();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(pki, sts, time: time);
        var inbound = Inbound(host, pki);
        var testCase = Guid.NewGuid().ToString("N");

        var sending = SendAsync(host, pki, inbound, testCase);
        await sts.Hanging.Task;
        time.Advance(TimeSpan.FromSeconds(2));
        using var response = await sending;

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.ServiceUnavailable, "token-exchange-unavailable", null, null, OperationOutcome.IssueType.Transient);
    }

    [Fact]
    public async Task CircuitOpens_AfterFailures_AndTheServerIsNotCalledWhileOpen()
    {
        await using var sts = await FakeTokenExchangeServer.StartAsync();
        sts.Answer(500, "{}");
        using var pki = new TestPki();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(pki, sts, settings => settings["TrustGateway:TokenExchange:External:BreakerMinimumThroughput"] = "2", time);

        for (var i = 0; i < 2; i++)
        {
            using var failed = await SendAsync(host, pki, Inbound(host, pki), Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        sts.Answer(200, Success());
        var testCase = Guid.NewGuid().ToString("N");
        using var whileOpen = await SendAsync(host, pki, Inbound(host, pki), testCase);

        await DenialAssert.RefusedAsync(whileOpen, host, testCase, HttpStatusCode.ServiceUnavailable, "token-exchange-unavailable", null, null, OperationOutcome.IssueType.Transient);
        Assert.Equal(2, sts.Received.Count);

        // After the break the server is tried again.
        time.Advance(TimeSpan.FromSeconds(16));
        var (recovered, _) = await SendAsync(host, pki, Inbound(host, pki));
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
        Assert.Equal(3, sts.Received.Count);
    }

    private static string Success(string scope = "system/Patient.rs system/Coverage.rs") =>
        new JsonObject
        {
            ["access_token"] = "sts-issued.token.value",
            ["issued_token_type"] = AccessTokenType,
            ["token_type"] = "Bearer",
            ["expires_in"] = 300,
            ["scope"] = scope,
        }.ToJsonString();

    private static Task<GatewayTestHost> StartAsync(TestPki pki, FakeTokenExchangeServer sts, Action<Dictionary<string, string?>>? configure = null, TimeProvider? time = null) =>
        GatewayTestHost.StartAsync(
            pki,
            settings =>
            {
                External(settings, sts.TokenEndpoint);
                configure?.Invoke(settings);
            },
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            });

    private static void External(Dictionary<string, string?> settings, Uri endpoint)
    {
        settings["TrustGateway:TokenExchange:Mode"] = "External";
        settings["TrustGateway:TokenExchange:External:TokenEndpoint"] = endpoint.AbsoluteUri;
        settings["TrustGateway:TokenExchange:External:ClientId"] = GatewayClient;
        settings["TrustGateway:TokenExchange:External:MaxRetries"] = "0";
        settings["TrustGateway:TokenExchange:External:RetryDelay"] = "00:00:00";
        settings["TrustGateway:TokenExchange:External:AttemptTimeout"] = "00:00:01";
        settings["TrustGateway:TokenExchange:External:TotalTimeout"] = "00:00:03";
    }

    private static string Inbound(GatewayTestHost host, TestPki pki) =>
        TestTokens.Sign(pki, TestTokens.Header(pki), TestTokens.Claims(host, pki.PlanAValid));

    private static async Task<(HttpResponseMessage Response, IReadOnlyList<RecordedRequest> Forwarded)> SendAsync(GatewayTestHost host, TestPki pki, string token)
    {
        var testCase = Guid.NewGuid().ToString("N");
        var response = await SendAsync(host, pki, token, testCase);
        return (response, host.Backend.ReceivedFor(testCase));
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayTestHost host, TestPki pki, string token, string testCase)
    {
        using var client = host.CreateClient(pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(PatientPath, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    // RFC 7523 §3: what the authorization server checks of the gateway's own JWTs.
    private static async Task<JsonWebToken> VerifyGatewaySignedAsync(GatewayTestHost host, string jwt, Uri tokenEndpoint)
    {
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(jwt, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidAudience = tokenEndpoint.AbsoluteUri,
            IssuerSigningKeys = (await DownstreamTokenVerifier.FetchJwksAsync(host)).GetSigningKeys(),
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        Assert.True(token.ValidTo - token.IssuedAt <= TimeSpan.FromMinutes(5));
        Assert.False(string.IsNullOrEmpty(token.Id));
        return token;
    }
}
