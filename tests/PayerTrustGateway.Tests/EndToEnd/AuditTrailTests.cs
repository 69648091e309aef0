using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// The audit trail through the gateway: a partner's history reconstructed from the admin API, the
/// change records of the control plane, paging and export, the scorecard, and refusal to serve a
/// response whose record cannot be written.
/// </summary>
public sealed class AuditTrailTests
{
    private const string Member = "member-1001";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async System.Threading.Tasks.Task ConsentHistory_ReconstructedByConsent_WithChangesAndDecisions_AndTheScorecardShowsPropagation()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(Now);
        await using var host = await ConsentTestHost.StartAsync(pki, time);
        var consentId = await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        using (var allowed = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, "audit-allowed")))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        time.Advance(TimeSpan.FromSeconds(1));
        await host.RevokeAsync(consentId);
        time.Advance(TimeSpan.FromSeconds(2));
        using (var refused = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, "audit-refused")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var admin = host.CreateAdminClient();
        var history = await RecordsAsync(admin, $"/admin/audit/records?consent={consentId}");

        Assert.Equal(["consent.capture", null, "consent.revoke", null], history.Select(r => r.GetProperty("action").GetString()));
        Assert.Equal(["allow", "allow", "allow", "deny"], history.Select(r => r.GetProperty("decision").GetString()));
        Assert.Equal([1, 1, 2, 2], history.Select(r => r.GetProperty("consentVersion").GetInt32()));
        Assert.All(history, r => Assert.Equal(Member, r.GetProperty("member").GetString()));
        var revoke = history[2];
        Assert.Equal(("operator", ConsentTestHost.PrivacyOffice, consentId), (revoke.GetProperty("actorKind").GetString(), revoke.GetProperty("actor").GetString(), revoke.GetProperty("target").GetString()));
        Assert.Contains("\"status\":\"active\"", revoke.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"status\":\"revoked\"", revoke.GetProperty("after").GetString(), StringComparison.Ordinal);
        var denied = history[3];
        Assert.Equal(("consent-revoked", "plan-a/claims-sync", "p2p", "read", "Patient", 403), (denied.GetProperty("reason").GetString(), denied.GetProperty("workload").GetString(), denied.GetProperty("policy").GetString(), denied.GetProperty("interaction").GetString(), denied.GetProperty("resourceType").GetString(), denied.GetProperty("status").GetInt32()));
        Assert.Equal(JsonValueKind.Number, denied.GetProperty("consentMicroseconds").ValueKind);
        Assert.DoesNotContain("eyJ", JsonSerializer.Serialize(history), StringComparison.Ordinal);

        var partnerHistory = await RecordsAsync(admin, "/admin/audit/records?partner=plan-a&limit=1000");
        Assert.Equal(["/token", "p2p", "p2p"], partnerHistory.Select(r => r.GetProperty("route").GetString()));

        using var scorecard = JsonDocument.Parse(await admin.GetStringAsync(new Uri($"/admin/audit/scorecard?from={Now.AddDays(-1):O}&to={Now.AddDays(1):O}".Replace("+", "%2B", StringComparison.Ordinal), UriKind.Relative)));
        var card = scorecard.RootElement;
        Assert.Equal(2, card.GetProperty("calls").GetInt64());
        Assert.Equal(1.0, card.GetProperty("mtlsBoundTokenShare").GetDouble());
        Assert.Equal(1, card.GetProperty("denialsByReason").GetProperty("consent-revoked").GetInt64());
        var propagation = Assert.Single(card.GetProperty("revocations").EnumerateArray());
        Assert.Equal((consentId, 2.0), (propagation.GetProperty("consentId").GetString(), propagation.GetProperty("seconds").GetDouble()));
        Assert.Equal(2, card.GetProperty("consentDecisionMilliseconds").GetProperty("count").GetInt64());
        Assert.Equal(300, card.GetProperty("issuedTokenLifetimeSeconds").GetProperty("max").GetDouble());
        Assert.Equal(1, card.GetProperty("changes").GetProperty("consent.revoke").GetInt64());
        Assert.Equal("plan-a/claims-sync", Assert.Single(card.GetProperty("certificateExpiry").EnumerateArray()).GetProperty("workload").GetString());
        Assert.Equal(0, card.GetProperty("governance").GetProperty("manualReviewQueueDepth").GetInt32());
    }

    [Fact]
    public async System.Threading.Tasks.Task Records_Paged_EveryRecordOnceInOrder()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.GetAsync(new Uri("/fhir/Patient/" + Member, UriKind.Relative));
            ids.Add(response.Headers.GetValues("X-Request-Id").Single());
        }

        using var admin = host.CreateAdminClient();
        var seen = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/admin/audit/records?partner=plan-a&limit=2" + (cursor is null ? string.Empty : "&cursor=" + cursor), UriKind.Relative)));
            var records = page.RootElement.GetProperty("records").EnumerateArray().ToList();
            Assert.InRange(records.Count, 1, 2);
            seen.AddRange(records.Select(r => r.GetProperty("requestId").GetString()!));
            cursor = page.RootElement.GetProperty("next").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(6, seen.Count);
        Assert.Equal(ids, seen.Skip(1));
    }

    [Fact]
    public async System.Threading.Tasks.Task Export_NdjsonLinksEveryRecordToTheLast_AndFhirExportParsesAsAuditEvents()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        using (await client.GetAsync(new Uri("/fhir/Patient/" + Member, UriKind.Relative)))
        using (await host.CreateClient(pki.RogueClaimingPlanA).GetAsync(new Uri("/fhir/Patient/" + Member, UriKind.Relative)))
        {
        }

        using var admin = host.CreateAdminClient();
        using var ndjson = await admin.GetAsync(new Uri("/admin/audit/export?format=ndjson", UriKind.Relative));
        var lines = (await ndjson.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        using var fhir = await admin.GetAsync(new Uri("/admin/audit/export?format=fhir&partner=plan-a", UriKind.Relative));
        var events = (await fhir.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => new FhirJsonDeserializer().Deserialize<AuditEvent>(line)!).ToList(); // Deserialize throws rather than return null

        Assert.Equal("application/x-ndjson", ndjson.Content.Headers.ContentType?.MediaType);
        Assert.Equal(3, lines.Count);
        for (var i = 1; i < lines.Count; i++)
        {
            Assert.Equal(lines[i - 1].GetProperty("hash").GetString(), lines[i].GetProperty("prevHash").GetString());
        }

        Assert.Equal("client-certificate-untrusted", lines[2].GetProperty("reason").GetString());
        Assert.Equal("application/fhir+ndjson", fhir.Content.Headers.ContentType?.MediaType);
        Assert.Equal(2, events.Count);
        var read = events[1]!;
        Assert.Equal(AuditEvent.AuditEventAction.R, read.Action);
        Assert.Equal(AuditEvent.AuditEventOutcome.N0, read.Outcome);
        Assert.Equal("read", Assert.Single(read.Subtype).Code);
        Assert.Equal("plan-a/claims-sync", Assert.Single(read.Agent).Who?.Identifier?.Value);
        Assert.Contains(read.Entity, entity => entity.What?.Identifier?.Value == Member);
    }

    [Theory]
    [InlineData("/admin/audit/records?color=red", "Unknown parameter 'color'")]
    [InlineData("/admin/audit/records?from=yesterday", "Parameter 'from'")]
    [InlineData("/admin/audit/records?limit=0", "Parameter 'limit'")]
    [InlineData("/admin/audit/records?limit=100000", "Parameter 'limit'")]
    [InlineData("/admin/audit/records?cursor=abc", "Parameter 'cursor'")]
    [InlineData("/admin/audit/records?partner=a&partner=b", "Parameter 'partner'")]
    [InlineData("/admin/audit/records?decision=maybe", "Parameter 'decision'")]
    [InlineData("/admin/audit/records?from=2026-11-02&to=2026-11-01", "Parameter 'to'")]
    [InlineData("/admin/audit/export?format=xml", "Parameter 'format'")]
    [InlineData("/admin/audit/scorecard?partner=plan-a", "only 'from' and 'to'")]
    public async System.Threading.Tasks.Task Query_MalformedParameters_400NamingTheParameter(string path, string problem)
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var admin = host.CreateAdminClient();

        using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(problem, body, StringComparison.Ordinal);
        Assert.Equal("OperationOutcome", JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString());
    }

    [Fact]
    public async System.Threading.Tasks.Task AuditApi_WithPartnerCredentials_IsNotServed_AndTheAttemptIsRecorded()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);

        using var response = await client.GetAsync(new Uri("/admin/audit/records?partner=plan-a", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("requestId", body, StringComparison.Ordinal);
        // The listener fence refuses before authentication runs, so the record names the listener, not a workload.
        var record = AuditAssert.Denied(host, response, "route-not-found");
        Assert.Equal(("partner", "/admin/audit/records"), (record.Listener, record.Route));
    }

    [Fact]
    public async System.Threading.Tasks.Task StoreFailure_SyncMode_TheResponseIsNotServedUnrecorded()
    {
        using var pki = new TestPki();
        GatedAuditStore? gate = null;
        await using var host = await GatewayTestHost.StartAsync(pki, services: services => services.AddSingleton<IAuditStore>(sp =>
            gate = new GatedAuditStore(ActivatorUtilities.CreateInstance<SqliteAuditStore>(sp))));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        gate!.FailNext(1);

        HttpResponseMessage? response = null;
        var exception = await Record.ExceptionAsync(async () => response = await client.GetAsync(new Uri("/fhir/Patient/" + Member, UriKind.Relative)));

        // Either the connection is cut or an error status is sent; the backend's answer never reaches the caller.
        Assert.True(exception is HttpRequestException || response?.StatusCode == HttpStatusCode.InternalServerError, $"got {response?.StatusCode} {exception?.GetType().Name}");
        if (response is not null)
        {
            Assert.DoesNotContain("Patient", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            response.Dispose();
        }

        gate.Dispose();
    }

    [Fact]
    public async System.Threading.Tasks.Task TokenEndpoint_IssuedAndRefused_AreRecordedWithTokenIdNotToken()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var client = host.CreateClient(pki.PlanAValid);

        using var issued = await client.SendAsync(host.TokenRequest());
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var refused = await client.SendAsync(host.TokenRequest(scope: "system/Nothing.rs"));

        var issuedRecord = AuditAssert.Single(host, issued);
        Assert.Equal(("allow", "plan-a/claims-sync", 300L, "certificate"), (issuedRecord.Decision, issuedRecord.TokenClient, issuedRecord.TokenLifetimeSeconds, issuedRecord.TokenBinding));
        Assert.Equal(token.Split('.')[1].Length > 0, issuedRecord.TokenId is { Length: > 0 });
        Assert.DoesNotContain(token, JsonSerializer.Serialize(issuedRecord), StringComparison.Ordinal);
        var refusedRecord = AuditAssert.Single(host, refused);
        Assert.Equal(("deny", "invalid_scope", 400), (refusedRecord.Decision, refusedRecord.Reason, refusedRecord.Status));
    }

    [Fact]
    public async System.Threading.Tasks.Task KeyRotation_ThroughTheAdminApi_IsAChangeRecordWithBeforeAndAfter_AndTheTrailVerifies()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var admin = host.CreateAdminClient("key-custodian", PayerTrustGateway.Admin.AdminRoles.SecurityAdmin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys/rotate");

        using var response = await admin.SendAsync(request);
        using var verify = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/admin/audit/verify", UriKind.Relative)));

        var record = AuditAssert.Single(host, response);
        Assert.Equal(("signing-key.rotate", "key-custodian", 200), (record.Action, record.Actor, record.Status));
        Assert.NotEqual(record.Before, record.After);
        Assert.Equal(record.Target, record.After);
        Assert.True(verify.RootElement.GetProperty("intact").GetBoolean());
    }

    private static async Task<List<JsonElement>> RecordsAsync(HttpClient admin, string path)
    {
        using var page = JsonDocument.Parse(await admin.GetStringAsync(new Uri(path, UriKind.Relative)));
        return [.. page.RootElement.GetProperty("records").EnumerateArray().Select(record => record.Clone())];
    }
}
