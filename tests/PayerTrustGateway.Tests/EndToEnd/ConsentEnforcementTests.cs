using System.Net;
using System.Text.Json;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Live consent on a consent-bound route, over mutual TLS with certificate-bound tokens (S8.5): each
/// refusal asserts status, reason code and that the backend saw nothing; each guard test asserts what
/// reached the partner.
/// </summary>
public sealed class ConsentEnforcementTests
{
    private const string Member = "member-1001";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task MemberRead_WithLiveConsent_IsForwarded()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Member, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task MemberRead_WithoutConsent_Returns403ConsentMissing()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "consent-missing", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task MemberRead_WithConsentOfAnotherPartner_IsAnsweredLikeNoConsent()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanBOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "consent-missing", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task MemberRead_ForPurposeTheConsentDoesNotAuthorise_Returns403PurposeMismatch()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)), "?purpose=urn:oid:2.16.840.1.113883.5.8%23HPAYMT");
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "consent-purpose-mismatch", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task MemberRead_AfterConsentPeriodEnds_Returns403Expired()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(Now);
        await using var host = await ConsentTestHost.StartAsync(pki, time);
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddHours(1)));
        time.Advance(TimeSpan.FromHours(2));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "consent-expired", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task NextRequestOnSameConnection_AfterRevocation_Returns403Revoked()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        var consentId = await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var before = Guid.NewGuid().ToString("N");
        using (var allowed = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, before)))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        await host.RevokeAsync(consentId);
        var after = Guid.NewGuid().ToString("N");
        using var refused = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, after));

        await DenialAssert.RefusedAsync(refused, host, after, HttpStatusCode.Forbidden, "consent-revoked", null, null, OperationOutcome.IssueType.Forbidden);
        Assert.Single(host.Backend.ReceivedFor(before));
    }

    [Fact]
    public async Task SearchOfSensitiveType_UnderRegularConsent_Returns403BeforeForwarding()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Condition?patient=" + Member, testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "consent-sensitive-not-covered", null, null, OperationOutcome.IssueType.Forbidden);
    }

    [Fact]
    public async Task SearchOfSensitiveType_UnderSensitiveConsent_IsForwarded()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30), TestConsents.Sensitive));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Condition?patient=" + Member, testCase, Bundle(Condition("c1", Member))));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task SensitiveLabelledAnswer_UnderRegularConsent_IsWithheld()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");
        var labelled = Observation("o1", Member, ConsentTestHost.SensitiveLabel);

        using var response = await client.SendAsync(ConsentTestHost.Get("Observation?patient=" + Member, testCase, Bundle(labelled)));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        OperationOutcomeAssert.HasIssue(body, OperationOutcome.IssueType.Forbidden, "response-outside-consent");
        Assert.DoesNotContain("\"o1\"", body, StringComparison.Ordinal);
        Assert.Single(host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task BackendAnsweringWithAnotherMember_IsWithheld()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("Patient/" + Member, testCase, "{\"resourceType\":\"Patient\",\"id\":\"member-1002\",\"name\":[{\"family\":\"Other\"}]}"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        OperationOutcomeAssert.HasIssue(body, OperationOutcome.IssueType.Forbidden, "response-outside-consent");
        Assert.DoesNotContain("member-1002", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Other", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncludePullingAnotherMember_IsWithheldInRefuseMode()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get(
            "ExplanationOfBenefit?patient=" + Member + "&_include=ExplanationOfBenefit:patient", testCase, Bundle(Eob("e1", Member), Patient("member-1002"))));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        OperationOutcomeAssert.HasIssue(body, OperationOutcome.IssueType.Forbidden, "response-outside-consent");
        Assert.DoesNotContain("member-1002", body, StringComparison.Ordinal);
        Assert.Single(host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task IncludePullingAnotherMember_IsRedactedInRedactMode()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now), settings => settings["TrustGateway:Consent:ResponseGuard"] = "Redact");
        await host.CaptureAsync(TestConsents.Hrex(Member, ConsentTestHost.PlanAOrganization, Now.AddDays(-1), Now.AddDays(30)));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get(
            "ExplanationOfBenefit?patient=" + Member + "&_include=ExplanationOfBenefit:patient", testCase, Bundle(Eob("e1", Member), Patient("member-1002"), Patient(Member))));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(body);
        var resources = json.RootElement.GetProperty("entry").EnumerateArray().Select(entry => entry.GetProperty("resource")).ToList();
        Assert.Equal(["ExplanationOfBenefit:e1", "Patient:" + Member, "OperationOutcome:"], resources.Select(r => r.GetProperty("resourceType").GetString() + ":" + (r.TryGetProperty("id", out var id) ? id.GetString() : string.Empty)));
        Assert.Equal("suppressed", resources[2].GetProperty("issue")[0].GetProperty("code").GetString());
        Assert.DoesNotContain("member-1002", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestWithoutMember_OnConsentRoute_Returns403MemberContextRequired()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(ConsentTestHost.Get("ExplanationOfBenefit?status=active", testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "member-context-required", null, null, OperationOutcome.IssueType.Forbidden);
    }

    internal static string Bundle(params string[] resources) =>
        "{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"entry\":[" + string.Join(',', resources.Select(r => "{\"resource\":" + r + "}")) + "]}";

    internal static string Patient(string id) => "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\"}";

    internal static string Eob(string id, string member) =>
        "{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"" + id + "\",\"patient\":{\"reference\":\"Patient/" + member + "\"}}";

    internal static string Condition(string id, string member) =>
        "{\"resourceType\":\"Condition\",\"id\":\"" + id + "\",\"subject\":{\"reference\":\"Patient/" + member + "\"}}";

    internal static string Observation(string id, string member, string? label = null) =>
        "{\"resourceType\":\"Observation\",\"id\":\"" + id + "\""
        + (label is null ? string.Empty : ",\"meta\":{\"security\":[{\"system\":\"" + label.Split('|')[0] + "\",\"code\":\"" + label.Split('|')[1] + "\"}]}")
        + ",\"subject\":{\"reference\":\"Patient/" + member + "\"}}";
}
