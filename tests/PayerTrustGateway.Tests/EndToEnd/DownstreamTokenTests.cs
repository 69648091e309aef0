using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Tests.TestSupport;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// S6: the backend receives only the gateway's narrow token and can authorise on it alone. Each test
/// verifies what the fake backend received as a real backend would (JWKS from the admin listener).
/// </summary>
public sealed class DownstreamTokenTests : IClassFixture<GatewayFixture>
{
    private const string PatientPath = "/fhir/Patient/member-1001";
    private readonly GatewayFixture _fixture;

    public DownstreamTokenTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayTestHost Host => _fixture.Host;

    [Fact]
    public async Task Forwarded_CarriesGatewayToken_NarrowedToRoutePolicy_WithWorkloadAsActor()
    {
        var inbound = Token(scope: TestGatewayConfiguration.PartnerScopes);

        var forwarded = await SendAsync(inbound, PatientPath);

        var (header, claims) = await DownstreamTokenVerifier.VerifyAsync(Host, forwarded.Request, inbound);
        Assert.Equal("at+jwt", header["typ"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(header["kid"]?.GetValue<string>()));
        // member-data admits Patient, Coverage, Observation, Provenance: ExplanationOfBenefit is dropped.
        Assert.Equal("system/Patient.rs system/Coverage.rs", claims["scope"]!.GetValue<string>());
        Assert.Equal("plan-a/claims-sync", claims["client_id"]!.GetValue<string>());
        Assert.Equal("plan-a/claims-sync", claims["act"]!["sub"]!.GetValue<string>());
        Assert.Null(claims["act"]!["act"]);
        Assert.Equal("plan-a/claims-sync", claims["sub"]!.GetValue<string>()); // not a member-scoped route
        Assert.Null(claims["cnf"]);
        Assert.Equal(forwarded.RequestId, claims["decision_id"]!.GetValue<string>());
        Assert.Equal(forwarded.RequestId, forwarded.Request.Header("X-Request-Id"));
    }

    [Fact]
    public async Task EveryRequest_GetsItsOwnToken()
    {
        var inbound = Token();

        var first = await SendAsync(inbound, PatientPath);
        var second = await SendAsync(inbound, PatientPath);

        var (_, firstClaims) = await DownstreamTokenVerifier.VerifyAsync(Host, first.Request, inbound);
        var (_, secondClaims) = await DownstreamTokenVerifier.VerifyAsync(Host, second.Request, inbound);
        Assert.NotEqual(firstClaims["jti"]!.GetValue<string>(), secondClaims["jti"]!.GetValue<string>());
        Assert.NotEqual(firstClaims["decision_id"]!.GetValue<string>(), secondClaims["decision_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task InboundActor_IsNestedUnderTheWorkload()
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        claims["act"] = new JsonObject { ["sub"] = "plan-a/batch-orchestrator", ["act"] = new JsonObject { ["sub"] = "plan-a/scheduler" } };
        var inbound = TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims);

        var forwarded = await SendAsync(inbound, PatientPath);

        var (_, downstream) = await DownstreamTokenVerifier.VerifyAsync(Host, forwarded.Request, inbound);
        var act = downstream["act"]!;
        Assert.Equal("plan-a/claims-sync", act["sub"]!.GetValue<string>());
        Assert.Equal("plan-a/batch-orchestrator", act["act"]!["sub"]!.GetValue<string>());
        Assert.Equal("plan-a/scheduler", act["act"]!["act"]!["sub"]!.GetValue<string>());
    }

    [Fact]
    public async Task Lifetime_NeverExceedsTheInboundToken()
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        var inboundExpiry = TestJwt.Now() + 45;
        claims["exp"] = inboundExpiry;
        var inbound = TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims);

        var forwarded = await SendAsync(inbound, PatientPath);

        var (_, downstream) = await DownstreamTokenVerifier.VerifyAsync(Host, forwarded.Request, inbound);
        Assert.True(downstream["exp"]!.GetValue<long>() <= inboundExpiry);
    }

    [Fact]
    public async Task MayAct_NamingTheGateway_IsForwarded()
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        claims["may_act"] = new JsonObject { ["sub"] = Host.PartnerBase.GetLeftPart(UriPartial.Authority) };

        var forwarded = await SendAsync(TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims), PatientPath);

        Assert.Equal(HttpStatusCode.OK, forwarded.Status);
    }

    [Theory]
    [InlineData("https://someone-else.example")]
    [InlineData(null)]
    public async Task MayAct_NotNamingTheGateway_Returns403AndForwardsNothing(string? subject)
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        claims["may_act"] = subject is null ? new JsonObject { ["client_id"] = "x" } : new JsonObject { ["sub"] = subject };
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(PatientPath, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims));

        using var response = await client.SendAsync(request);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Forbidden, "token-exchange-refused", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Theory]
    [InlineData("{\"act\":\"plan-a/bot\"}")]
    [InlineData("{\"act\":{\"client_id\":\"plan-a/bot\"}}")]
    [InlineData("{\"act\":{\"sub\":\"a\",\"act\":[]}}")]
    [InlineData("{\"may_act\":\"gateway\"}")]
    public async Task MalformedDelegationClaims_Return401AndForwardNothing(string extra)
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        foreach (var (name, value) in JsonNode.Parse(extra)!.AsObject())
        {
            claims[name] = value?.DeepClone();
        }

        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(PatientPath, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims));

        using var response = await client.SendAsync(request);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, "token-invalid", "Bearer", "invalid_token");
    }

    [Fact]
    public async Task ConsentRoute_TokenNamesMemberConsentAndPurpose()
    {
        using var pki = new TestPki();
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(now);
        await using var host = await ConsentTestHost.StartAsync(pki, time);
        var consentId = await host.CaptureAsync(TestConsents.Hrex("member-1001", ConsentTestHost.PlanAOrganization, now.AddDays(-1), now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Patient/member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (_, claims) = await DownstreamTokenVerifier.VerifyAsync(host, Assert.Single(host.Backend.ReceivedFor(testCase)), client.DefaultRequestHeaders.Authorization!.Parameter, time);
        Assert.Equal("member-1001", claims["sub"]!.GetValue<string>());
        Assert.Equal("member-1001", claims["patient"]!.GetValue<string>());
        Assert.Equal(consentId, claims["consent_id"]!.GetValue<string>());
        Assert.Equal([TestConsents.CareCoordination], claims["purpose_of_use"]!.AsArray().Select(node => node!.GetValue<string>()));
        Assert.Equal("plan-a/claims-sync", claims["act"]!["sub"]!.GetValue<string>());
    }

    private string Token(string? scope = null)
    {
        var claims = TestTokens.Claims(Host, _fixture.Pki.PlanAValid);
        if (scope is not null)
        {
            claims["scope"] = scope;
        }

        return TestTokens.Sign(_fixture.Pki, TestTokens.Header(_fixture.Pki), claims);
    }

    private async Task<(HttpStatusCode Status, string RequestId, RecordedRequest Request)> SendAsync(string token, string path)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(_fixture.Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(path, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.StatusCode, Assert.Single(response.Headers.GetValues("X-Request-Id")), Assert.Single(Host.Backend.ReceivedFor(testCase)));
    }
}
