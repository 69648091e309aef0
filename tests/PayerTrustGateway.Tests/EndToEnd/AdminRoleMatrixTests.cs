using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Each admin role gets exactly what the role matrix says on each admin endpoint: 2xx (audited with the
/// token's subject as actor) or 403 admin-role-missing, and a refused change leaves nothing changed.
/// </summary>
public sealed class AdminRoleMatrixTests : IClassFixture<ConsentGatewayFixture>
{
    private const string SecurityAdmin = AdminRoles.SecurityAdmin;
    private const string PlatformOperator = AdminRoles.PlatformOperator;
    private const string Auditor = AdminRoles.Auditor;
    private const string Reviewer = AdminRoles.Reviewer;

    // The role matrix, written out here independently of the endpoint code it checks.
    private static readonly Dictionary<string, string[]> Admitted = new(StringComparer.Ordinal)
    {
        ["GET /config/status"] = [SecurityAdmin, PlatformOperator, Auditor, Reviewer],
        ["GET /admin/consents"] = [SecurityAdmin, PlatformOperator, Auditor],
        ["GET /admin/consents/{id}"] = [SecurityAdmin, PlatformOperator, Auditor],
        ["GET /admin/consents/{id}/history"] = [SecurityAdmin, PlatformOperator, Auditor],
        ["POST /admin/consents"] = [SecurityAdmin, PlatformOperator],
        ["POST /admin/consents/{id}/revoke"] = [SecurityAdmin, PlatformOperator],
        ["GET /admin/keys"] = [SecurityAdmin, PlatformOperator, Auditor, Reviewer],
        ["POST /admin/keys/rotate"] = [SecurityAdmin],
        ["GET /admin/audit/records"] = [Auditor, SecurityAdmin],
        ["GET /admin/audit/export"] = [Auditor, SecurityAdmin],
        ["GET /admin/audit/verify"] = [Auditor, SecurityAdmin],
        ["GET /admin/audit/scorecard"] = [Auditor, SecurityAdmin],
    };

    private static readonly Dictionary<string, string> ChangeActions = new(StringComparer.Ordinal)
    {
        ["POST /admin/consents"] = "consent.capture",
        ["POST /admin/consents/{id}/revoke"] = AuditScorecardCalculator.ConsentRevokeAction,
        ["POST /admin/keys/rotate"] = AuditScorecardCalculator.KeyRotationAction,
    };

    private readonly ConsentGatewayFixture _fixture;

    public AdminRoleMatrixTests(ConsentGatewayFixture fixture) => _fixture = fixture;

    private GatewayTestHost Host => _fixture.Host;

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Admitted.Keys)
        {
            foreach (var role in AdminRoles.All)
            {
                data.Add(endpoint, role);
            }
        }

        return data;
    }

    [Fact]
    public void Matrix_NamesEveryAdminRole() => Assert.Equal(AdminRoles.All.Order(), Admitted.Values.SelectMany(roles => roles).Distinct().Order());

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Endpoint_Role_GetsExactlyWhatTheMatrixSays(string endpoint, string role)
    {
        var subject = $"alice+{role}@this-payer";
        var member = "member-" + Guid.NewGuid().ToString("N")[..12];
        var consentId = endpoint.Contains("{id}", StringComparison.Ordinal) ? await CaptureAsync(member) : null;
        var signingBefore = await SigningKidAsync();
        using var admin = Host.CreateAdminClient(subject, role);
        using var request = Request(endpoint, member, consentId);
        var admitted = Admitted[endpoint].Contains(role, StringComparer.Ordinal);

        using var response = await admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        if (admitted)
        {
            Assert.True(response.IsSuccessStatusCode, $"{endpoint} as {role}: {(int)response.StatusCode} {body}");
            var record = AuditAssert.Single(Host, response);
            Assert.Equal(("admin", AuditActors.Operator, subject, AuditDecisions.Allow), (record.Listener, record.ActorKind, record.Actor, record.Decision));
            Assert.Equal(ChangeActions.GetValueOrDefault(endpoint), record.Action);
        }
        else
        {
            await DenialAssert.RefusedAsync(response, Host, Guid.NewGuid().ToString("N"), HttpStatusCode.Forbidden, "admin-role-missing", null, null, OperationOutcome.IssueType.Forbidden);
            var record = AuditAssert.Single(Host, response);
            Assert.Equal(("admin", subject, null), (record.Listener, record.Actor, record.Action));
        }

        await AssertChangedAsync(endpoint, admitted, member, consentId, signingBefore);
    }

    // A refused change changed nothing; an admitted one did what it says.
    private async Task AssertChangedAsync(string endpoint, bool admitted, string member, string? consentId, string signingBefore)
    {
        switch (endpoint)
        {
            case "POST /admin/consents":
                Assert.Equal(admitted ? 1 : 0, await ConsentCountAsync(member));
                break;
            case "POST /admin/consents/{id}/revoke":
                Assert.Equal(admitted ? "revoked" : "active", await ConsentStatusAsync(consentId!)); // {id} endpoints capture one
                break;
            case "POST /admin/keys/rotate":
                Assert.Equal(admitted, signingBefore != await SigningKidAsync());
                break;
            default:
                Assert.Equal(signingBefore, await SigningKidAsync());
                break;
        }
    }

    private static HttpRequestMessage Request(string endpoint, string member, string? consentId)
    {
        var parts = endpoint.Split(' ');
        var method = parts[0];
        var path = parts[1].Replace("{id}", consentId, StringComparison.Ordinal);
        path += path switch
        {
            "/admin/consents" when method == "GET" => "?partner=plan-a&limit=5",
            "/admin/audit/records" => "?limit=5",
            "/admin/audit/export" => "?format=ndjson&partner=plan-b",
            _ when path.EndsWith("/revoke", StringComparison.Ordinal) => "?reason=matrix",
            _ => string.Empty,
        };
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (endpoint == "POST /admin/consents")
        {
            var now = TimeProvider.System.GetUtcNow();
            request.Content = new StringContent(TestConsents.Hrex(member, ConsentTestHost.PlanAOrganization, now.AddDays(-1), now.AddDays(30)).ToJsonString(), Encoding.UTF8, "application/fhir+json");
        }

        return request;
    }

    private Task<string> CaptureAsync(string member)
    {
        var now = TimeProvider.System.GetUtcNow();
        return Host.CaptureAsync(TestConsents.Hrex(member, ConsentTestHost.PlanAOrganization, now.AddDays(-1), now.AddDays(30)));
    }

    private async Task<int> ConsentCountAsync(string member)
    {
        using var page = await ReadAsync($"/admin/consents?member={member}", Auditor);
        return page.RootElement.GetProperty("items").GetArrayLength();
    }

    private async Task<string> ConsentStatusAsync(string consentId)
    {
        using var consent = await ReadAsync($"/admin/consents/{consentId}", Auditor);
        return consent.RootElement.GetProperty("status").GetString()!;
    }

    private async Task<string> SigningKidAsync()
    {
        using var keys = await ReadAsync("/admin/keys", Reviewer);
        return keys.RootElement.GetProperty("signing").GetString()!;
    }

    private async Task<JsonDocument> ReadAsync(string path, string role)
    {
        using var admin = Host.CreateAdminClient("matrix-checker", role);
        return JsonDocument.Parse(await admin.GetStringAsync(new Uri(path, UriKind.Relative)));
    }
}
