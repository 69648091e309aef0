using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Sandbox;

/// <summary>
/// The sandbox's admin access: the configuration it writes and the token files it generates work on a real
/// gateway, one role per token, and the printed admin calls carry the token of the role they need.
/// </summary>
public sealed class SandboxAdminAccessTests : IClassFixture<TestPkiFixture>
{
    private readonly TestPki _pki;

    public SandboxAdminAccessTests(TestPkiFixture fixture) => _pki = fixture.Pki;

    [Fact]
    public async Task Generate_TokensPerRole_WorkOnAGatewayConfiguredLikeTheSandbox()
    {
        var folder = Path.Combine(_pki.Directory, "sandbox-" + Guid.NewGuid().ToString("N"));
        var admin = SandboxAdminAccess.Generate(folder, TimeProvider.System);
        var sandboxAccess = SandboxConfiguration.Create(SandboxPki.Ensure(Path.Combine(folder, "pki"), TimeProvider.System, out _), admin, new SandboxPorts(8443, 8081, 8090))["TrustGateway"]!["AdminAccess"]!;
        await using var host = await GatewayTestHost.StartAsync(_pki, settings =>
        {
            settings["TrustGateway:AdminAccess:Issuer"] = sandboxAccess["Issuer"]!.GetValue<string>();
            settings["TrustGateway:AdminAccess:Audience"] = sandboxAccess["Audience"]!.GetValue<string>();
            settings["TrustGateway:AdminAccess:KeyFiles:0"] = sandboxAccess["KeyFiles"]![0]!.GetValue<string>();
            settings["TrustGateway:AdminAccess:MaxTokenLifetime"] = sandboxAccess["MaxTokenLifetime"]!.GetValue<string>();
        });

        foreach (var role in AdminRoles.All)
        {
            var token = (await File.ReadAllTextAsync(admin.TokenFile(role))).Trim();
            var jwt = new JsonWebToken(token);
            Assert.Equal((SandboxAdminAccess.Subject(role), TimeSpan.FromHours(12)), (jwt.Subject, jwt.ValidTo - jwt.IssuedAt));
            Assert.Equal([role], jwt.GetPayloadValue<string[]>("roles"));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(admin.TokenFile(role)));
            }

            Assert.Equal(HttpStatusCode.OK, await StatusAsync(host, token, "/config/status"));
            var auditor = role is AdminRoles.Auditor or AdminRoles.SecurityAdmin;
            Assert.Equal(auditor ? HttpStatusCode.OK : HttpStatusCode.Forbidden, await StatusAsync(host, token, "/admin/audit/verify"));
        }

        Assert.DoesNotContain("PRIVATE", await File.ReadAllTextAsync(admin.PublicKey), StringComparison.Ordinal);
        string[] expected = ["issuer.pub", .. AdminRoles.All.Select(role => role + ".jwt")];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Directory.GetFiles(admin.Directory).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Generate_AgainAtTheNextStart_NewKeyAndTokens()
    {
        var folder = Path.Combine(_pki.Directory, "sandbox-" + Guid.NewGuid().ToString("N"));
        var first = SandboxAdminAccess.Generate(folder, TimeProvider.System);
        var key = File.ReadAllText(first.PublicKey);
        var token = File.ReadAllText(first.TokenFile(AdminRoles.Auditor));

        var second = SandboxAdminAccess.Generate(folder, TimeProvider.System);

        Assert.NotEqual(key, File.ReadAllText(second.PublicKey));
        Assert.NotEqual(token, File.ReadAllText(second.TokenFile(AdminRoles.Auditor)));
    }

    [Fact]
    public void Guide_AdminCalls_CarryTheBearerTokenOfTheirRole_HealthProbesNone()
    {
        var folder = Path.Combine(_pki.Directory, "sandbox-" + Guid.NewGuid().ToString("N"));
        var pki = SandboxPki.Ensure(Path.Combine(folder, "pki"), TimeProvider.System, out _);
        var admin = SandboxAdminAccess.In(folder);
        var consents = new Dictionary<string, string> { ["member-1001"] = "c-1", ["member-1002"] = "c-2" };

        var guide = SandboxGuide.Describe(pki, admin, 8443, 8081, new Uri("http://127.0.0.1:8090/"), ["member-1001", "member-1002", "member-1003"], consents);

        var adminCalls = guide.Split('\n').Where(line => line.StartsWith("curl", StringComparison.Ordinal) && line.Contains("127.0.0.1:8081/", StringComparison.Ordinal)).ToList();
        Assert.All(adminCalls.Where(line => !line.Contains("/readyz", StringComparison.Ordinal) && !line.Contains("jwks.json", StringComparison.Ordinal)), line =>
            Assert.Matches("-H \"Authorization: Bearer \\$\\(cat [^)]+/admin/[a-z-]+\\.jwt\\)\"", line));
        Assert.Contains(adminCalls, line => line.Contains("/readyz", StringComparison.Ordinal) && !line.Contains("Authorization", StringComparison.Ordinal));
        Assert.Equal(AdminRoles.PlatformOperator, RoleOf(adminCalls, "/admin/consents/c-2/revoke"));
        // The rotation itself, then the auditor's refused attempt (the 403 example).
        Assert.Equal([AdminRoles.SecurityAdmin, AdminRoles.Auditor], adminCalls.Where(line => line.EndsWith("/admin/keys/rotate'", StringComparison.Ordinal)).Select(RoleOf));
        Assert.All(adminCalls.Where(line => line.Contains("/admin/audit/", StringComparison.Ordinal)), line => Assert.Contains(RelativeToken(admin, AdminRoles.Auditor), line, StringComparison.Ordinal));
        Assert.DoesNotContain("X-Recorded-By", guide, StringComparison.Ordinal);

        // A suspend call, then the suspended workload's FHIR call (refused), then the reinstatement.
        var lines = guide.Split('\n').Where(line => line.StartsWith("curl", StringComparison.Ordinal)).ToList();
        var suspend = lines.FindIndex(line => line.EndsWith("/admin/workloads/plan-b/member-match/suspend'", StringComparison.Ordinal));
        Assert.True(suspend >= 0, "the guide prints no suspend call");
        Assert.Equal(AdminRoles.PlatformOperator, RoleOf(lines[suspend]));
        Assert.Contains("plan-b-member-match.crt", lines[suspend + 1], StringComparison.Ordinal);
        Assert.Contains("/fhir/Patient/", lines[suspend + 1], StringComparison.Ordinal);
        Assert.EndsWith("/admin/workloads/plan-b/member-match/reinstate'", lines[suspend + 2], StringComparison.Ordinal);
    }

    private static string RelativeToken(SandboxAdminAccess admin, string role) => Path.GetRelativePath(Environment.CurrentDirectory, admin.TokenFile(role));

    private static string RoleOf(List<string> calls, string marker) => RoleOf(Assert.Single(calls, line => line.Contains(marker, StringComparison.Ordinal)));

    private static string RoleOf(string call) => Path.GetFileNameWithoutExtension(call.Split("$(cat ")[1].Split(')')[0]);

    private static async Task<HttpStatusCode> StatusAsync(GatewayTestHost host, string token, string path)
    {
        using var admin = host.CreateAnonymousAdminClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await admin.SendAsync(request);
        return response.StatusCode;
    }
}
