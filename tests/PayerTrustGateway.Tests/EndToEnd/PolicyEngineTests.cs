using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Route policies over mutual TLS with bound tokens: each refusal is a 403 (or 429) and nothing reaches the backend.</summary>
public sealed class PolicyEngineTests : IClassFixture<GatewayFixture>
{
    private const string AllScopes = "system/Patient.rs system/Observation.rs system/Coverage.rs system/Provenance.rs";
    private readonly GatewayFixture _fixture;

    public PolicyEngineTests(GatewayFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string, string, string> Refusals => new()
    {
        { "GET /fhir/Observation?patient=member-1001", "system/Observation.r", "scope-insufficient", "Forbidden" },
        { "GET /fhir/Observation?patient=member-1001&_include=Observation:subject", AllScopes, "widening-not-allowed", "Forbidden" },
        { "GET /fhir/Patient?_revinclude=AuditEvent:entity", AllScopes, "widening-not-allowed", "Forbidden" },
        { "GET /fhir/Patient?_include=*", AllScopes, "widening-not-allowed", "Forbidden" },
        { "GET /fhir/Observation?subject:Patient.organization.name=acme", AllScopes, "widening-not-allowed", "Forbidden" },
        { "GET /fhir/Patient?_has:Claim:patient:status=active", AllScopes, "widening-not-allowed", "Forbidden" },
        { "GET /fhir/Patient/member-1001/$everything", AllScopes, "interaction-not-allowed", "Forbidden" },
        { "POST /fhir/$graphql", AllScopes, "interaction-not-allowed", "Forbidden" },
        { "GET /fhir/Claim?patient=member-1001", AllScopes, "resource-type-not-allowed", "Forbidden" },
        { "DELETE /fhir/Patient/member-1001", AllScopes, "interaction-not-allowed", "Forbidden" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Request_NotAdmittedByPolicy_Returns403AndNothingForwarded(string request, string scopes, string reasonCode, string status)
    {
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(_fixture.Host, request, Token(_fixture.Host, scopes), testCase);

        var challenge = reasonCode == "scope-insufficient" ? "Bearer" : null;
        await DenialAssert.RefusedAsync(response, _fixture.Host, testCase, Enum.Parse<HttpStatusCode>(status), reasonCode, challenge, challenge is null ? null : "insufficient_scope", OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task Request_ScopeInsufficient_ChallengeNamesTheScopeNeeded()
    {
        using var response = await SendAsync(_fixture.Host, "GET /fhir/Observation?patient=member-1001", Token(_fixture.Host, "system/Observation.r"), Guid.NewGuid().ToString("N"));

        Assert.Contains("scope=\"system/Observation.s\"", Assert.Single(response.Headers.WwwAuthenticate).Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_AdmittedWideningAndScopes_IsForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(_fixture.Host, "GET /fhir/Observation?patient=member-1001&_include=Observation:subject:Patient&_revinclude=Provenance:target", Token(_fixture.Host, AllScopes), testCase);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_fixture.Host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_TransactionSmugglingUnadmittedType_Returns403AndNothingForwarded()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings =>
        {
            settings["TrustGateway:Policies:member-data:Interactions:0"] = "read";
            settings["TrustGateway:Policies:member-data:Interactions:1"] = "search-type";
            settings["TrustGateway:Policies:member-data:Interactions:2"] = "transaction";
        });
        var bundle = """{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"GET","url":"Patient/member-1001"}},{"request":{"method":"GET","url":"Claim?patient=member-1001"}}]}""";
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(host, "POST /fhir", Token(host, AllScopes, pki), testCase, bundle);

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "resource-type-not-allowed", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task Request_PostToBaseWithoutBundle_Returns400AndNothingForwarded()
    {
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(_fixture.Host, "POST /fhir", Token(_fixture.Host, AllScopes), testCase, "{\"resourceType\":\"Patient\"}");

        await DenialAssert.RefusedAsync(response, _fixture.Host, testCase, HttpStatusCode.BadRequest, "fhir-request-malformed", null, null, OperationOutcome.IssueType.Structure);
    }

    [Fact]
    public async Task Request_WrongPurposeOfUse_Returns403AndNothingForwarded()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:Policies:member-data:PurposesOfUse:0"] = "COVERAGE");
        var allowed = Guid.NewGuid().ToString("N");
        var refused = Guid.NewGuid().ToString("N");

        using var ok = await SendAsync(host, "GET /fhir/Patient/member-1001", Token(host, AllScopes, pki, "COVERAGE"), allowed);
        using var response = await SendAsync(host, "GET /fhir/Patient/member-1001", Token(host, AllScopes, pki, "HMARKT"), refused);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await DenialAssert.RefusedAsync(response, host, refused, HttpStatusCode.Forbidden, "purpose-of-use-not-allowed", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task Request_OverRateLimit_Returns429WithRetryAfterAndNothingForwarded()
    {
        using var pki = new TestPki();
        // Fixed one-minute windows: a fake clock 5 s into the next minute keeps the three requests in one
        // window (and tokens issued on the real clock are already valid there).
        var now = TimeProvider.System.GetUtcNow();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(now.AddSeconds(65 - now.Second).AddMilliseconds(-now.Millisecond));
        await using var host = await GatewayTestHost.StartAsync(
            pki,
            settings => settings["TrustGateway:Policies:member-data:RateLimitPerMinute"] = "2",
            services => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<TimeProvider>(services, time));
        var token = Token(host, AllScopes, pki);
        for (var i = 0; i < 2; i++)
        {
            using var ok = await SendAsync(host, "GET /fhir/Patient/member-1001", token, Guid.NewGuid().ToString("N"));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var testCase = Guid.NewGuid().ToString("N");
        using var response = await SendAsync(host, "GET /fhir/Patient/member-1001", token, testCase);

        Assert.Equal(TimeSpan.FromSeconds(55), response.Headers.RetryAfter?.Delta);
        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.TooManyRequests, "rate-limited", null, null, OperationOutcome.IssueType.Throttled);
    }

    [Fact]
    public async Task Request_ShadowPolicyDisagrees_IsCountedButResponseUnchanged()
    {
        using var pki = new TestPki();
        var shadow = "stricter-" + Guid.NewGuid().ToString("N");
        await using var host = await GatewayTestHost.StartAsync(pki, settings =>
        {
            settings[$"TrustGateway:Policies:{shadow}:Mode"] = "Shadow";
            settings[$"TrustGateway:Policies:{shadow}:ShadowOf"] = "member-data";
            settings[$"TrustGateway:Policies:{shadow}:Partners:0"] = "plan-a";
            settings[$"TrustGateway:Policies:{shadow}:ResourceTypes:0"] = "Coverage";
        });
        long disagreements = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "ptg.policy.shadow_disagreements")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "shadow" && (string?)tag.Value == shadow)
                {
                    Interlocked.Add(ref disagreements, value);
                }
            }
        });
        listener.Start();
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await SendAsync(host, "GET /fhir/Patient/member-1001", Token(host, AllScopes, pki), testCase);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(testCase));
        Assert.Equal(1, Interlocked.Read(ref disagreements));
    }

    private string Token(GatewayTestHost host, string scopes) => Token(host, scopes, _fixture.Pki);

    private static string Token(GatewayTestHost host, string scopes, TestPki pki, string? purpose = null)
    {
        var claims = TestTokens.Claims(host, pki.PlanAValid);
        claims["scope"] = scopes;
        if (purpose is not null)
        {
            claims["purpose_of_use"] = new JsonArray(purpose);
        }

        return TestTokens.Sign(pki, TestTokens.Header(pki), claims);
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayTestHost host, string request, string token, string testCase, string? body = null)
    {
        var space = request.IndexOf(' ', StringComparison.Ordinal);
        using var client = host.CreateClient(host.Pki.PlanAValid);
        using var message = new HttpRequestMessage(new HttpMethod(request[..space]), request[(space + 1)..]);
        message.Headers.Add(FakeBackend.CaseHeader, testCase);
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            message.Content = new StringContent(body, Encoding.UTF8, "application/fhir+json");
        }

        return await client.SendAsync(message);
    }
}
