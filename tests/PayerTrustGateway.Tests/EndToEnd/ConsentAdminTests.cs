using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>The consent registry's admin API: capture (HRex, validated by Firely), list, history, revoke.</summary>
public sealed class ConsentAdminTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Capture_InvalidConsent_Returns400ListingEveryProblem_AndStoresNothing()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        var consent = TestConsents.Hrex("member-1001", ConsentTestHost.PlanAOrganization, Now, Now.AddDays(1));
        consent["status"] = "draft";
        consent["policy"]![0]!["uri"] = "http://example.org/everything";
        consent["provision"]!["period"]!.AsObject().Remove("end");

        using var response = await PostAsync(host, consent.ToJsonString());
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Consent.status must be 'active'", body, StringComparison.Ordinal);
        Assert.Contains("Consent.policy must be exactly one of the HRex policies", body, StringComparison.Ordinal);
        Assert.Contains("period needs both start and end", body, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host, "?partner=plan-a"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"x\"}")]
    [InlineData("{\"resourceType\":\"Consent\",\"status\":\"bogus\"}")]
    public async Task Capture_Malformed_Returns400OperationOutcome(string body)
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));

        using var response = await PostAsync(host, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"resourceType\":\"OperationOutcome\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(host, "?partner=plan-a"));
    }

    [Fact]
    public async Task Capture_WithoutAdminToken_Returns401_AndStoresNothing()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));

        using var response = await PostAsync(host, TestConsents.Hrex("member-1001", ConsentTestHost.PlanAOrganization, Now, Now.AddDays(1)).ToJsonString(), recorder: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        OperationOutcomeAssert.HasIssue(await response.Content.ReadAsStringAsync(), Hl7.Fhir.Model.OperationOutcome.IssueType.Login, "admin-token-missing");
        Assert.Equal(0, await CountAsync(host, "?partner=plan-a"));
    }

    [Fact]
    public async Task RecaptureAndRevoke_AreVersions_WithWhoChangedThem()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        var consent = TestConsents.Hrex("member-1001", ConsentTestHost.PlanAOrganization, Now, Now.AddDays(10), id: "source-7");
        var id = await host.CaptureAsync(consent);
        consent["policy"]![0]!["uri"] = TestConsents.Sensitive;
        Assert.Equal(id, await host.CaptureAsync(consent));
        await host.RevokeAsync(id);

        using var admin = host.CreateAdminClient();
        using var history = JsonDocument.Parse(await admin.GetStringAsync($"/admin/consents/{id}/history"));

        var versions = history.RootElement.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(["captured:superseded", "revised:superseded", "revoked:revoked"], versions.Select(v => v.GetProperty("change").GetString() + ":" + v.GetProperty("status").GetString()));
        Assert.All(versions, v => Assert.Equal(ConsentTestHost.PrivacyOffice, v.GetProperty("changedBy").GetString()));
        Assert.Equal([1, 2, 3], versions.Select(v => v.GetProperty("version").GetInt32()));
        Assert.Equal(1, await CountAsync(host, "?member=member-1001&partner=plan-a"));
        Assert.Equal(0, await CountAsync(host, "?partner=plan-b"));
    }

    [Fact]
    public async Task Revoke_UnknownConsent_Returns404()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        using var admin = host.CreateAdminClient("someone", PayerTrustGateway.Admin.AdminRoles.PlatformOperator);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/consents/nope/revoke");

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task ConsentAdmin_IsNotServedOnThePartnerListener()
    {
        using var pki = new TestPki();
        await using var host = await ConsentTestHost.StartAsync(pki, new FakeTimeProvider(Now));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);

        using var response = await client.GetAsync("/admin/consents?partner=plan-a");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        OperationOutcomeAssert.HasIssue(await response.Content.ReadAsStringAsync(), Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound, "route-not-found");
    }

    // recorder: the admin token's subject, or null for no token at all.
    private static async Task<HttpResponseMessage> PostAsync(GatewayTestHost host, string body, string? recorder = ConsentTestHost.PrivacyOffice)
    {
        using var admin = recorder is null ? host.CreateAnonymousAdminClient() : host.CreateAdminClient(recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/consents") { Content = new StringContent(body, Encoding.UTF8, "application/fhir+json") };
        return await admin.SendAsync(request);
    }

    private static async Task<int> CountAsync(GatewayTestHost host, string query)
    {
        using var admin = host.CreateAdminClient();
        using var page = JsonDocument.Parse(await admin.GetStringAsync("/admin/consents" + query));
        return page.RootElement.GetProperty("items").GetArrayLength();
    }
}
