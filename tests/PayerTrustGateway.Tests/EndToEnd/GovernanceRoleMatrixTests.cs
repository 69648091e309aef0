using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Each admin role on each governance endpoint: a role outside the matrix gets 403 admin-role-missing and
/// the governance state is untouched; a role inside it gets past authorization (the calls name things that
/// do not exist, so they answer 404/400/409 from the operation itself and change nothing either).
/// </summary>
public sealed class GovernanceRoleMatrixTests : IClassFixture<GatewayFixture>
{
    private const string SecurityAdmin = AdminRoles.SecurityAdmin;
    private const string PlatformOperator = AdminRoles.PlatformOperator;
    private const string Auditor = AdminRoles.Auditor;
    private const string Reviewer = AdminRoles.Reviewer;
    private static readonly string[] Everyone = [SecurityAdmin, PlatformOperator, Auditor, Reviewer];

    // The role matrix, written out here independently of the endpoint code it checks.
    private static readonly Dictionary<string, string[]> Admitted = new(StringComparer.Ordinal)
    {
        ["GET /admin/partners"] = Everyone,
        ["GET /admin/partners/nobody"] = Everyone,
        ["POST /admin/partners"] = [SecurityAdmin],
        ["PUT /admin/partners/nobody"] = [SecurityAdmin],
        ["POST /admin/partners/nobody/suspend"] = [SecurityAdmin, PlatformOperator],
        ["POST /admin/partners/nobody/reinstate"] = [SecurityAdmin],
        ["POST /admin/partners/nobody/retire"] = [SecurityAdmin],
        ["POST /admin/partners/nobody/posture"] = [SecurityAdmin, PlatformOperator],
        ["GET /admin/workloads"] = Everyone,
        ["GET /admin/workloads/nobody/none"] = Everyone,
        ["POST /admin/workloads"] = [SecurityAdmin, PlatformOperator],
        ["PUT /admin/workloads/nobody/none"] = [SecurityAdmin, PlatformOperator],
        ["POST /admin/workloads/nobody/none/provision"] = [SecurityAdmin, PlatformOperator],
        ["POST /admin/workloads/nobody/none/certify"] = [Reviewer],
        ["POST /admin/workloads/nobody/none/suspend"] = [SecurityAdmin, PlatformOperator],
        ["POST /admin/workloads/nobody/none/reinstate"] = [SecurityAdmin],
        ["POST /admin/workloads/nobody/none/retire"] = [SecurityAdmin],
        ["POST /admin/workloads/nobody/none/certificates"] = [SecurityAdmin, PlatformOperator],
        ["POST /admin/workloads/nobody/none/certificates/AAAA/retire"] = [SecurityAdmin, PlatformOperator],
        ["GET /admin/certificates/revoked"] = Everyone,
        ["POST /admin/certificates/not-a-thumbprint/revoke"] = [SecurityAdmin],
        ["GET /admin/grants"] = Everyone,
        ["POST /admin/exceptions"] = [SecurityAdmin, PlatformOperator],
        ["POST /admin/break-glass"] = [SecurityAdmin],
        ["POST /admin/grants/nothing/revoke"] = [SecurityAdmin],
        ["GET /admin/reviews"] = Everyone,
        ["POST /admin/reviews/nothing/claim"] = [Reviewer],
        ["POST /admin/reviews/nothing/decide"] = [Reviewer],
    };

    // Bodies that pass JSON parsing and fail the operation (unknown ids, empty fields), so an admitted call changes nothing.
    private static readonly Dictionary<string, string> Bodies = new(StringComparer.Ordinal)
    {
        ["POST /admin/partners"] = """{"id":"","displayName":""}""",
        ["PUT /admin/partners/nobody"] = """{"displayName":"x"}""",
        ["POST /admin/partners/nobody/posture"] = """{"risk":"low","attestedAt":"2026-01-01T00:00:00Z","source":"x"}""",
        ["POST /admin/workloads"] = """{"partnerId":"nobody","id":"none"}""",
        ["PUT /admin/workloads/nobody/none"] = """{"owner":"x"}""",
        ["POST /admin/workloads/nobody/none/certificates"] = """{"certificate":"x"}""",
        ["POST /admin/certificates/not-a-thumbprint/revoke"] = """{"reason":"x"}""",
        ["POST /admin/exceptions"] = """{"workload":"nobody/none","route":"none","reason":"x","duration":"01:00:00"}""",
        ["POST /admin/break-glass"] = """{"workload":"nobody/none","route":"none","reason":"x","duration":"01:00:00"}""",
        ["POST /admin/grants/nothing/revoke"] = """{"reason":"x"}""",
        ["POST /admin/reviews/nothing/decide"] = """{"decision":"approve","note":"x"}""",
    };

    private readonly GatewayFixture _fixture;

    public GovernanceRoleMatrixTests(GatewayFixture fixture) => _fixture = fixture;

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in Admitted.Keys)
        {
            foreach (var role in Everyone)
            {
                data.Add(endpoint, role);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task GovernanceEndpoint_Role_GetsExactlyWhatTheMatrixSays(string endpoint, string role)
    {
        var host = _fixture.Host;
        var governance = host.Services.GetRequiredService<GovernanceRegistry>();
        var before = governance.Current;
        var space = endpoint.IndexOf(' ', StringComparison.Ordinal);
        using var admin = host.CreateAdminClient($"casey+{role}@this-payer", role);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint[..space]), endpoint[(space + 1)..]);
        if (request.Method != HttpMethod.Get)
        {
            request.Content = new StringContent(Bodies.GetValueOrDefault(endpoint, "{}"), Encoding.UTF8, "application/json");
        }

        using var response = await admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Same(before, governance.Current);
        if (Admitted[endpoint].Contains(role, StringComparer.Ordinal))
        {
            Assert.DoesNotContain("admin-role-missing", body, StringComparison.Ordinal);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound or HttpStatusCode.Conflict,
                $"{endpoint} as {role}: {(int)response.StatusCode} {body}");
        }
        else
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            OperationOutcomeAssert.HasIssue(body, Hl7.Fhir.Model.OperationOutcome.IssueType.Forbidden, "admin-role-missing");
        }
    }

    [Fact]
    public async Task PartnerCredential_OnTheGovernanceApi_IsRefused()
    {
        var host = _fixture.Host;
        var partnerToken = await host.GetTokenAsync(host.Pki.PlanAValid);
        using var admin = host.CreateAnonymousAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/partners/plan-a/suspend") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", partnerToken);

        using var response = await admin.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        OperationOutcomeAssert.HasIssue(await response.Content.ReadAsStringAsync(), Hl7.Fhir.Model.OperationOutcome.IssueType.Login, "admin-token-invalid");
        Assert.Empty(host.Services.GetRequiredService<GovernanceRegistry>().Current.Partners);
    }

    [Fact]
    public async Task PartnerCertificate_OnTheAdminListener_NeverAuthenticates()
    {
        var host = _fixture.Host;
        // The admin listener speaks plain HTTP only: a TLS client presenting a partner certificate gets no handshake at all.
        using var tls = new HttpClient(new SocketsHttpHandler
        {
            SslOptions = new System.Net.Security.SslClientAuthenticationOptions
            {
                ClientCertificates = [host.Pki.PlanAValid],
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            },
        });
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");

        await Assert.ThrowsAsync<HttpRequestException>(() => tls.PostAsync(new Uri($"https://127.0.0.1:{host.AdminPort}/admin/partners/plan-a/suspend"), content));

        // Over plain HTTP there is no certificate to present, and no token means no admin call.
        using var anonymous = host.CreateAnonymousAdminClient();
        using var plain = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await anonymous.PostAsync("/admin/partners/plan-a/suspend", plain);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Services.GetRequiredService<GovernanceRegistry>().Current.Partners);
    }
}
