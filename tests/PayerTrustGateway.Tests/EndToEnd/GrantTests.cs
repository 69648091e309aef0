using System.Net;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Tests.TestSupport;
using static PayerTrustGateway.Tests.TestSupport.GovernanceApi;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Exceptions and break-glass on a real gateway with a fake clock: an exception works only once someone
/// else approves it and only inside its time box; break-glass works at once, is flagged in the audit
/// record, and waits in the review queue, listed as overdue after 24 hours.
/// </summary>
public sealed class GrantTests
{
    // claims-data admits only plan-a/claims-sync; eligibility is refused there until a grant lets it in.
    private const string Claims = TestGatewayConfiguration.ClaimsPath + "?patient=member-1001";

    [Fact]
    public async Task Exception_WorksOnlyAfterAnotherPersonApproves_AndStopsWhenItsTimeBoxEnds()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await GatewayTestHost.StartAsync(pki, services: services => services.AddSingleton<TimeProvider>(time));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAOtherWorkload);
        await AssertRefusedAsync(host, client);

        var grant = await PostAsync(host, "/admin/exceptions", Request(TimeSpan.FromMinutes(10)), "ops-olga", PlatformOperator, HttpStatusCode.Created);
        var grantId = grant.GetProperty("id").GetString()!;
        Assert.Equal("pending", grant.GetProperty("state").GetString());
        await AssertRefusedAsync(host, client);

        var reviews = await GetAsync(host, "/admin/reviews?kind=exception-approval&state=open");
        var item = Assert.Single(reviews.GetProperty("items").EnumerateArray());
        var itemId = item.GetProperty("id").GetString();
        Assert.Equal(grantId, item.GetProperty("subject").GetString());
        // The requester cannot approve their own exception, even holding the reviewer role.
        await PostAsync(host, $"/admin/reviews/{itemId}/claim", null, "ops-olga", Reviewer, HttpStatusCode.Forbidden);
        await PostAsync(host, $"/admin/reviews/{itemId}/decide", new { decision = "approve" }, "rev-rita", Reviewer, HttpStatusCode.Conflict);
        await PostAsync(host, $"/admin/reviews/{itemId}/claim", null, "rev-rita", Reviewer);
        await PostAsync(host, $"/admin/reviews/{itemId}/claim", null, "rev-ravi", Reviewer, HttpStatusCode.Conflict);
        await PostAsync(host, $"/admin/reviews/{itemId}/decide", new { decision = "approve", note = "migration backlog, 10 minutes" }, "rev-rita", Reviewer);

        var allowed = await AssertAllowedAsync(host, client);
        Assert.Equal(grantId, allowed.ExceptionId);
        Assert.False(allowed.BreakGlass);
        Assert.Equal("exception:" + grantId, allowed.Rule);

        time.Advance(TimeSpan.FromMinutes(10));
        using var fresh = await host.CreateAuthorizedClientAsync(pki.PlanAOtherWorkload);
        await AssertRefusedAsync(host, fresh);
        var listed = await GetAsync(host, "/admin/grants?workload=plan-a/eligibility");
        Assert.Equal("expired", Assert.Single(listed.GetProperty("items").EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Exception_LongerThanConfiguredMaximum_IsRefused()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:Governance:MaxExceptionDuration"] = "1.00:00:00");

        await PostAsync(host, "/admin/exceptions", Request(TimeSpan.FromDays(2)), "ops-olga", PlatformOperator, HttpStatusCode.BadRequest);
        await PostAsync(host, "/admin/exceptions", Request(TimeSpan.FromHours(1)) with { Reason = "" }, "ops-olga", PlatformOperator, HttpStatusCode.BadRequest);
        await PostAsync(host, "/admin/exceptions", Request(TimeSpan.FromHours(1)) with { Route = "no-such-route" }, "ops-olga", PlatformOperator, HttpStatusCode.BadRequest);

        Assert.Empty(host.Services.GetRequiredService<PayerTrustGateway.Governance.GovernanceRegistry>().Current.Grants);
    }

    [Fact]
    public async Task BreakGlass_WorksAtOnce_IsFlaggedInAudit_AndItsOverdueReviewIsListedAndCounted()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await GatewayTestHost.StartAsync(pki, services: services => services.AddSingleton<TimeProvider>(time));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAOtherWorkload);
        await PostAsync(host, "/admin/break-glass", Request(TimeSpan.FromHours(1)) with { Reason = "" }, "sec-sam", SecurityAdmin, HttpStatusCode.BadRequest);
        await PostAsync(host, "/admin/break-glass", Request(TimeSpan.FromHours(5)), "sec-sam", SecurityAdmin, HttpStatusCode.BadRequest);
        await PostAsync(host, "/admin/break-glass", Request(TimeSpan.FromHours(1)), "ops-olga", PlatformOperator, HttpStatusCode.Forbidden);

        var grant = await PostAsync(host, "/admin/break-glass", Request(TimeSpan.FromHours(1)), "sec-sam", SecurityAdmin, HttpStatusCode.Created);
        var grantId = grant.GetProperty("id").GetString()!;

        var allowed = await AssertAllowedAsync(host, client);
        Assert.True(allowed.BreakGlass);
        Assert.Equal(grantId, allowed.ExceptionId);
        var queued = await GetAsync(host, "/admin/reviews?kind=break-glass-review");
        var item = Assert.Single(queued.GetProperty("items").EnumerateArray());
        Assert.Equal(grantId, item.GetProperty("subject").GetString());
        Assert.False(item.GetProperty("overdue").GetBoolean());

        time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var overdue = await GetAsync(host, "/admin/reviews?overdue=true");
        Assert.Equal(item.GetProperty("id").GetString(), Assert.Single(overdue.GetProperty("items").EnumerateArray()).GetProperty("id").GetString());
        var card = await GetAsync(host, "/admin/audit/scorecard");
        Assert.Equal(1, card.GetProperty("governance").GetProperty("manualReviewQueueDepth").GetInt32());
        Assert.Equal(item.GetProperty("id").GetString(), Assert.Single(card.GetProperty("governance").GetProperty("overdueReviews").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task BreakGlass_RejectedOnReview_EndsAtOnce()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAOtherWorkload);
        await PostAsync(host, "/admin/break-glass", Request(TimeSpan.FromHours(1)), "sec-sam", SecurityAdmin, HttpStatusCode.Created);
        await AssertAllowedAsync(host, client);
        var itemId = Assert.Single((await GetAsync(host, "/admin/reviews")).GetProperty("items").EnumerateArray()).GetProperty("id").GetString();

        await PostAsync(host, $"/admin/reviews/{itemId}/claim", null, "sec-sam", Reviewer, HttpStatusCode.Forbidden);
        await PostAsync(host, $"/admin/reviews/{itemId}/claim", null, "rev-rita", Reviewer);
        await PostAsync(host, $"/admin/reviews/{itemId}/decide", new { decision = "reject" }, "rev-rita", Reviewer, HttpStatusCode.BadRequest);
        await PostAsync(host, $"/admin/reviews/{itemId}/decide", new { decision = "reject", note = "no emergency on record" }, "rev-rita", Reviewer);

        await AssertRefusedAsync(host, client);
        Assert.Equal(0, (await GetAsync(host, "/admin/reviews?state=open")).GetProperty("depth").GetInt32());
    }

    private static GrantRequestBody Request(TimeSpan duration) =>
        new("plan-a/eligibility", "claims", ["ExplanationOfBenefit"], [], "claims backlog after a partner migration", duration);

    private static async Task<PayerTrustGateway.Audit.AuditRecord> AssertAllowedAsync(GatewayTestHost host, HttpClient client)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var response = await client.SendAsync(CertificateAuthenticationTests.Get(Claims, testCase));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(testCase));
        return AuditAssert.Single(host, response);
    }

    private static async Task AssertRefusedAsync(GatewayTestHost host, HttpClient client)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var response = await client.SendAsync(CertificateAuthenticationTests.Get(Claims, testCase));
        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Forbidden, "policy-not-admitted", null, null, OperationOutcome.IssueType.Forbidden);
    }

    private sealed record GrantRequestBody(string Workload, string Route, string[] ResourceTypes, string[] PurposesOfUse, string Reason, TimeSpan Duration);
}
