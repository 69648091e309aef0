using System.Net;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.TestSupport;
using static PayerTrustGateway.Tests.TestSupport.GovernanceApi;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// The workload lifecycle and continuous verification through the admin API on a real gateway: every
/// change bites on the very next request of an already-open connection, and nothing reaches the backend.
/// </summary>
public sealed class GovernanceLifecycleTests
{
    private const string Member = "/fhir/Patient/member-1001";

    public static TheoryData<string, HttpStatusCode, string> NextRequestCases => new()
    {
        { "suspend-partner", HttpStatusCode.Unauthorized, "partner-not-active" },
        { "suspend-workload", HttpStatusCode.Unauthorized, "workload-not-active" },
        { "retire-workload", HttpStatusCode.Unauthorized, "workload-not-active" },
        { "revoke-certificate", HttpStatusCode.Unauthorized, "client-certificate-revoked" },
        { "overdue-certification", HttpStatusCode.Forbidden, "workload-certification-overdue" },
        { "stale-posture", HttpStatusCode.Forbidden, "partner-posture-stale" },
        { "risky-posture", HttpStatusCode.Forbidden, "partner-posture-risk" },
    };

    [Theory]
    [MemberData(nameof(NextRequestCases))]
    public async Task NextRequest_OnTheSameConnection_AfterAGovernanceChange_IsRefused(string change, HttpStatusCode status, string reason)
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        await using var host = await GatewayTestHost.StartAsync(pki, settings =>
        {
            // claims-sync is certification-governed: certified 1 day ago on a 1-day cadence (a year for the
            // other cases) with no grace, so in the overdue case it lapses in a minute.
            var cadence = change == "overdue-certification" ? "1.00:00:00" : "365.00:00:00";
            settings["TrustGateway:Governance:CertificationGrace"] = "00:00:00";
            settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:Owner"] = "claims-team";
            settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:Sponsor"] = "vp-claims";
            settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:Purpose"] = "payer-to-payer claims exchange";
            settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:ExpiresOn"] = time.GetUtcNow().AddYears(1).ToString("O");
            settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:ReviewCadence"] = cadence;
            settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:CertifiedOn"] = time.GetUtcNow().AddDays(-1).AddMinutes(1).ToString("O");
            if (change.EndsWith("posture", StringComparison.Ordinal))
            {
                settings["TrustGateway:Policies:member-data:MaxPostureAge"] = "00:02:00";
                settings["TrustGateway:Policies:member-data:MaxPostureRisk"] = "Moderate";
            }
        }, services => services.AddSingleton<TimeProvider>(time));
        if (change.EndsWith("posture", StringComparison.Ordinal))
        {
            await PostAsync(host, "/admin/partners/plan-a/posture", new { risk = "low", attestedAt = time.GetUtcNow(), source = "third-party-risk" }, "ops-olga", PlatformOperator, HttpStatusCode.Created);
        }

        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var first = Guid.NewGuid().ToString("N");
        using (var allowed = await client.SendAsync(CertificateAuthenticationTests.Get(Member, first)))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        await ApplyAsync(change, host, pki, time);
        var second = Guid.NewGuid().ToString("N");
        using var refused = await client.SendAsync(CertificateAuthenticationTests.Get(Member, second));

        await DenialAssert.RefusedAsync(refused, host, second, status, reason,
            status == HttpStatusCode.Unauthorized ? "Bearer" : null, status == HttpStatusCode.Unauthorized ? "invalid_token" : null,
            status == HttpStatusCode.Unauthorized ? OperationOutcome.IssueType.Login : OperationOutcome.IssueType.Forbidden);
        Assert.Single(host.Backend.ReceivedFor(first));
    }

    [Fact]
    public async Task Rotation_BothCertificatesWorkDuringOverlap_OnlyTheNewOneAfterTheOldIsRetired()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        var old = await PostAsync(host, "/admin/workloads/plan-a/claims-sync/certificates", new { certificate = pki.PlanAValid.ExportCertificatePem() }, "ops-olga", PlatformOperator, HttpStatusCode.Created);
        await PostAsync(host, "/admin/workloads/plan-a/claims-sync/certificates", new { certificate = pki.PlanAValidTwin.ExportCertificatePem() }, "ops-olga", PlatformOperator, HttpStatusCode.Created);
        // A third current certificate, and a revoked one, are refused (and counted as failed rotation steps).
        await PostAsync(host, "/admin/workloads/plan-a/claims-sync/certificates", new { certificate = pki.PlanARevoked.ExportCertificatePem() }, "ops-olga", PlatformOperator, HttpStatusCode.BadRequest);

        using var oldClient = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        using var newClient = await host.CreateAuthorizedClientAsync(pki.PlanAValidTwin);
        await AssertAllowedAsync(host, oldClient);
        await AssertAllowedAsync(host, newClient);

        var oldThumbprint = old.GetProperty("certificates")[0].GetProperty("thumbprint").GetString();
        var retired = await PostAsync(host, $"/admin/workloads/plan-a/claims-sync/certificates/{oldThumbprint}/retire", null, "ops-olga", PlatformOperator);

        Assert.Equal("retired", retired.GetProperty("certificates")[0].GetProperty("state").GetString());
        var testCase = Guid.NewGuid().ToString("N");
        using var refused = await oldClient.SendAsync(CertificateAuthenticationTests.Get(Member, testCase));
        await DenialAssert.RefusedAsync(refused, host, testCase, HttpStatusCode.Unauthorized, "client-certificate-retired", "Bearer", "invalid_token");
        await AssertAllowedAsync(host, newClient);

        var card = await GetAsync(host, "/admin/audit/scorecard");
        Assert.Equal(3, card.GetProperty("certificateRotationsSucceeded").GetInt64());
        Assert.Equal(1, card.GetProperty("certificateRotationsFailed").GetInt64());
        Assert.Equal(1, card.GetProperty("changes").GetProperty("certificate.retire").GetInt64());
    }

    [Fact]
    public async Task RequestedWorkload_PassesOnlyOnceProvisionedAndCertified_AndRetiredIsFinal()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        var body = new
        {
            partnerId = "plan-a",
            id = "new-sync",
            owner = "sync-team",
            sponsor = "vp-interop",
            purpose = "payer-to-payer member history",
            expiresAt = DateTimeOffset.UtcNow.AddYears(1),
            reviewCadenceDays = 90,
            sanUri = "spiffe://plan-a.example/not-registered",
            scopes = new[] { "system/Patient.rs" },
        };
        var requested = await PostAsync(host, "/admin/workloads", body, "ops-olga", PlatformOperator, HttpStatusCode.Created);
        Assert.Equal("requested", requested.GetProperty("status").GetString());
        await AssertTokenRefusedAsync(host, pki.PlanAUnknownSan, "workload-not-active");

        // Suspending a workload that is not active yet would let a reinstatement skip provisioning and certification.
        await PostAsync(host, "/admin/workloads/plan-a/new-sync/suspend", null, "ops-olga", PlatformOperator, HttpStatusCode.Conflict);
        await PostAsync(host, "/admin/workloads/plan-a/new-sync/provision", null, "ops-olga", PlatformOperator);
        await AssertTokenRefusedAsync(host, pki.PlanAUnknownSan, "workload-not-active");
        // The owner may not certify their own workload; a reviewer does.
        await PostAsync(host, "/admin/workloads/plan-a/new-sync/certify", null, "sync-team", Reviewer, HttpStatusCode.Forbidden);
        var certified = await PostAsync(host, "/admin/workloads/plan-a/new-sync/certify", null, "rev-rita", Reviewer);

        Assert.Equal("active", certified.GetProperty("standing").GetString());
        using (var client = await host.CreateAuthorizedClientAsync(pki.PlanAUnknownSan))
        {
            await AssertAllowedAsync(host, client);
            await PostAsync(host, "/admin/workloads/plan-a/new-sync/retire", null, "sec-sam", SecurityAdmin);
            var testCase = Guid.NewGuid().ToString("N");
            using var refused = await client.SendAsync(CertificateAuthenticationTests.Get(Member, testCase));
            await DenialAssert.RefusedAsync(refused, host, testCase, HttpStatusCode.Unauthorized, "workload-not-active", "Bearer", "invalid_token");
        }

        await PostAsync(host, "/admin/workloads/plan-a/new-sync/reinstate", null, "sec-sam", SecurityAdmin, HttpStatusCode.Conflict);
        var record = AuditAssert.Changes(host, "workload.retire").Single();
        Assert.Equal("sec-sam", record.Actor);
        Assert.Equal("status=Active", record.Before);
        Assert.Equal("status=Retired", record.After);
    }

    [Fact]
    public async Task SuspendThenReinstate_TakesEffectOnTheNextRequestEachTime_AndStatePersistsAcrossRestart()
    {
        using var pki = new TestPki();
        var data = Path.Combine(pki.Directory, "data");
        await using (var host = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:Storage:DataDirectory"] = data))
        {
            using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
            await PostAsync(host, "/admin/workloads/plan-a/claims-sync/suspend", null, "ops-olga", PlatformOperator);
            var testCase = Guid.NewGuid().ToString("N");
            using (var refused = await client.SendAsync(CertificateAuthenticationTests.Get(Member, testCase)))
            {
                await DenialAssert.RefusedAsync(refused, host, testCase, HttpStatusCode.Unauthorized, "workload-not-active", "Bearer", "invalid_token");
            }

            // Reinstating is the security admin's call, not the operator's.
            await PostAsync(host, "/admin/workloads/plan-a/claims-sync/reinstate", null, "ops-olga", PlatformOperator, HttpStatusCode.Forbidden);
            await PostAsync(host, "/admin/workloads/plan-a/claims-sync/reinstate", null, "sec-sam", SecurityAdmin);
            await AssertAllowedAsync(host, client);
            await PostAsync(host, "/admin/partners/plan-a/suspend", null, "sec-sam", SecurityAdmin);
        }

        await using var restarted = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:Storage:DataDirectory"] = data);
        var partner = await GetAsync(restarted, "/admin/partners/plan-a");
        Assert.Equal("suspended", partner.GetProperty("status").GetString());
        await AssertTokenRefusedAsync(restarted, pki.PlanAValid, "partner-not-active");
    }

    [Fact]
    public async Task RegisteredPartner_WithItsOwnTrustAnchor_CallsOnceItsWorkloadIsCertified()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:Policies:member-data:Partners:3"] = "plan-a");
        using var ca = DevCertificateAuthority.CreateRoot("Plan R CA", TimeProvider.System);
        using var leaf = ca.IssueLeaf(new LeafCertificateSpec("sync") { SanUris = ["spiffe://plan-r.example/sync"] });
        await PostAsync(host, "/admin/partners", new { id = "plan-r", displayName = "Plan R", trustAnchors = new[] { leaf.ExportCertificatePem() }, revocationMode = "none" }, "sec-sam", SecurityAdmin, HttpStatusCode.BadRequest);
        await PostAsync(host, "/admin/partners", new { id = "plan-r", displayName = "Plan R", trustAnchors = new[] { ca.Certificate.ExportCertificatePem() }, revocationMode = "none" }, "sec-sam", SecurityAdmin, HttpStatusCode.Created);
        await PostAsync(host, "/admin/partners", new { id = "plan-a", displayName = "Again", trustAnchors = new[] { ca.Certificate.ExportCertificatePem() }, revocationMode = "none" }, "sec-sam", SecurityAdmin, HttpStatusCode.Conflict);
        await PostAsync(host, "/admin/workloads", new
        {
            partnerId = "plan-r",
            id = "sync",
            owner = "plan-r-ops",
            sponsor = "vp-partnerships",
            purpose = "member history on enrollment",
            expiresAt = DateTimeOffset.UtcNow.AddYears(1),
            reviewCadenceDays = 180,
            scopes = new[] { "system/Patient.rs" },
            tags = new[] { "registered" },
        }, "ops-olga", PlatformOperator, HttpStatusCode.Created);
        await PostAsync(host, "/admin/workloads/plan-r/sync/certificates", new { certificate = leaf.ExportCertificatePem() }, "ops-olga", PlatformOperator, HttpStatusCode.Created);
        await PostAsync(host, "/admin/workloads/plan-r/sync/provision", null, "ops-olga", PlatformOperator);
        await PostAsync(host, "/admin/workloads/plan-r/sync/certify", null, "rev-rita", Reviewer);

        var token = await host.GetTokenAsync(leaf);

        Assert.False(string.IsNullOrEmpty(token));
        var listed = await GetAsync(host, "/admin/workloads?partner=plan-r");
        var workload = Assert.Single(listed.GetProperty("items").EnumerateArray());
        Assert.Equal("admin-api", workload.GetProperty("source").GetString());
        Assert.Equal("current", workload.GetProperty("certificates")[0].GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("/admin/partners", "{not json")]
    [InlineData("/admin/partners", """{"id":"plan-x","displayName":"X","unknownMember":1}""")]
    [InlineData("/admin/partners", """{"id":"plan-x","displayName":"X","trustAnchors":["-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"],"revocationMode":"none"}""")]
    [InlineData("/admin/partners", """{"id":"../x","displayName":"X","trustAnchors":[],"revocationMode":"none"}""")]
    [InlineData("/admin/workloads", """{"partnerId":"plan-a","id":"w","owner":"a","sponsor":"a","purpose":"p","expiresAt":"2030-01-01T00:00:00Z","reviewCadenceDays":90}""")]
    [InlineData("/admin/workloads", """{"partnerId":"plan-a","id":"w","owner":"a","sponsor":"b","purpose":"p","expiresAt":"2001-01-01T00:00:00Z","reviewCadenceDays":90}""")]
    [InlineData("/admin/workloads/plan-a/claims-sync/certificates", """{"certificate":"not a certificate"}""")]
    [InlineData("/admin/certificates/not-a-thumbprint/revoke", """{"reason":"leaked"}""")]
    [InlineData("/admin/partners/plan-a/posture", """{"risk":"catastrophic","attestedAt":"2026-01-01T00:00:00Z","source":"x"}""")]
    public async Task MalformedGovernanceInput_Is400WithAnOperationOutcome_AndChangesNothing(string path, string json)
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var admin = host.CreateAdminClient("sec-sam", SecurityAdmin, PlatformOperator);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        using var response = await admin.PostAsync(path, content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        OperationOutcomeAssert.LeaksNothing(await response.Content.ReadAsStringAsync());
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        var state = host.Services.GetRequiredService<PayerTrustGateway.Governance.GovernanceRegistry>().Current;
        Assert.Empty(state.Partners);
        Assert.Empty(state.Workloads);
        Assert.Empty(state.Certificates);
        Assert.Empty(state.Revocations);
        Assert.Empty(state.Posture);
        await AssertAllowedAsync(host, await host.CreateAuthorizedClientAsync(pki.PlanAValid));
    }

    private static async Task ApplyAsync(string change, GatewayTestHost host, TestPki pki, FakeTimeProvider time)
    {
        switch (change)
        {
            case "suspend-partner":
                await PostAsync(host, "/admin/partners/plan-a/suspend", null, "ops-olga", PlatformOperator);
                break;
            case "suspend-workload":
                await PostAsync(host, "/admin/workloads/plan-a/claims-sync/suspend", null, "ops-olga", PlatformOperator);
                break;
            case "retire-workload":
                await PostAsync(host, "/admin/workloads/plan-a/claims-sync/retire", null, "sec-sam", SecurityAdmin);
                break;
            case "revoke-certificate":
                var thumbprint = CertificateFacts.ComputeThumbprint(pki.PlanAValid.RawData);
                await PostAsync(host, $"/admin/certificates/{thumbprint}/revoke", new { reason = "key exposed in a partner incident" }, "sec-sam", SecurityAdmin, HttpStatusCode.Created);
                break;
            case "overdue-certification":
                time.Advance(TimeSpan.FromMinutes(2));
                break;
            case "stale-posture":
                time.Advance(TimeSpan.FromMinutes(3));
                break;
            case "risky-posture":
                await PostAsync(host, "/admin/partners/plan-a/posture", new { risk = "high", attestedAt = time.GetUtcNow(), source = "third-party-risk", evidence = "report 2026-11" }, "ops-olga", PlatformOperator, HttpStatusCode.Created);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(change));
        }
    }

    private static async Task AssertAllowedAsync(GatewayTestHost host, HttpClient client)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var response = await client.SendAsync(CertificateAuthenticationTests.Get(Member, testCase));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(testCase));
    }

    private static async Task AssertTokenRefusedAsync(GatewayTestHost host, System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, string reason)
    {
        using var client = host.CreateClient(certificate);
        using var request = host.TokenRequest();
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        OperationOutcomeAssert.HasIssue(await response.Content.ReadAsStringAsync(), OperationOutcome.IssueType.Login, reason);
    }
}
