using System.Text;
using PayerTrustGateway.Admin;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The example calls the sandbox prints, each with the answer it gets. Admin calls carry the bearer token
/// of the role they need (<see cref="SandboxAdminAccess"/>); only the health probes go without.
/// </summary>
internal static class SandboxGuide
{
    public static string Describe(SandboxPki pki, SandboxAdminAccess admin, int partnerPort, int adminPort, Uri backend, IReadOnlyList<string> members, IReadOnlyDictionary<string, string> consents)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(consents);
        var memberId = members[0];
        var origin = $"https://localhost:{partnerPort}";
        var baseUrl = origin + "/fhir";
        var tokenUrl = origin + "/token";
        var adminUrl = $"http://127.0.0.1:{adminPort}";
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("PayerTrustGateway sandbox is running. Try (from this directory):");
        text.AppendLine();
        text.AppendLine("# 1. Plan A's claims-sync workload gets a token bound to its certificate (RFC 8705), then reads a member -> 200 Patient");
        text.AppendLine(TokenCall(pki, "TOKEN", "plan-a-claims-sync", tokenUrl));
        text.AppendLine(Curl(pki, "plan-a-claims-sync", $"{baseUrl}/Patient/{memberId}", "-H \"Authorization: Bearer $TOKEN\" -w '\\nHTTP %{http_code}\\n'"));
        text.AppendLine();
        text.AppendLine("# 2. Refused: a certificate from an unknown CA claiming the same workload, even with that token -> 401 OperationOutcome");
        text.AppendLine(Curl(pki, "rogue-claims-sync", $"{baseUrl}/Patient/{memberId}", "-H \"Authorization: Bearer $TOKEN\" -w '\\nHTTP %{http_code}\\n'"));
        text.AppendLine();
        text.AppendLine("# 3. Refused by policy: Plan B's member-match workload (its own bound token) may not read claims -> 403 OperationOutcome");
        text.AppendLine(TokenCall(pki, "TOKEN_B", "plan-b-member-match", tokenUrl));
        text.AppendLine(Curl(pki, "plan-b-member-match", $"{baseUrl}/ExplanationOfBenefit?patient={memberId}", "-H \"Authorization: Bearer $TOKEN_B\" -w '\\nHTTP %{http_code}\\n'"));
        text.AppendLine();
        text.AppendLine("# 4. Refused: Plan B presents Plan A's token (bound to Plan A's certificate) -> 401 OperationOutcome");
        text.AppendLine(Curl(pki, "plan-b-member-match", $"{baseUrl}/Patient/{memberId}", "-H \"Authorization: Bearer $TOKEN\" -w '\\nHTTP %{http_code}\\n'"));
        text.AppendLine();
        text.AppendLine("# 5. Refused: a certificate revoked on Plan A's CRL -> 401 OperationOutcome");
        text.AppendLine(Curl(pki, "plan-a-claims-sync-revoked", $"{baseUrl}/Patient/{memberId}", "-H \"Authorization: Bearer $TOKEN\" -w '\\nHTTP %{http_code}\\n'"));
        text.AppendLine();
        var claims = "-H \"Authorization: Bearer $TOKEN\" -w '\\nHTTP %{http_code}\\n'";
        text.AppendLine($"# 6. Consent: Plan A's claims of {members[1]} (consented) -> 200 Bundle; of {members[2]} (no consent on record) -> 403 consent-missing");
        text.AppendLine(Curl(pki, "plan-a-claims-sync", $"{baseUrl}/ExplanationOfBenefit?patient={members[1]}", claims));
        text.AppendLine(Curl(pki, "plan-a-claims-sync", $"{baseUrl}/ExplanationOfBenefit?patient={members[2]}", claims));
        text.AppendLine();
        text.AppendLine($"# 7. The member withdraws consent: a platform operator revokes it on the admin API (admin token of that role),");
        text.AppendLine("#    and the same call is refused at once -> 403 consent-revoked");
        text.AppendLine(AdminCurl(admin, AdminRoles.PlatformOperator, $"{adminUrl}/admin/consents/{consents[members[1]]}/revoke?reason=member%20withdrew", post: true));
        text.AppendLine(Curl(pki, "plan-a-claims-sync", $"{baseUrl}/ExplanationOfBenefit?patient={members[1]}", claims));
        text.AppendLine("#    The consent's history (every version, who changed it):");
        text.AppendLine(AdminCurl(admin, AdminRoles.Auditor, $"{adminUrl}/admin/consents/{consents[members[1]]}/history"));
        text.AppendLine();
        text.AppendLine($"# Discovery: {origin}/.well-known/oauth-authorization-server, /.well-known/smart-configuration, /.well-known/jwks.json");
        text.AppendLine();
        text.AppendLine("# 8. The backend never sees your token: it gets a narrow gateway token (aud = the backend, act = your workload)");
        text.AppendLine($"#    and verifies it against http://127.0.0.1:{adminPort}/.well-known/jwks.json; called directly, it answers 401.");
        text.AppendLine("curl -s -w '\\nHTTP %{http_code}\\n' '" + new Uri(backend, "fhir/Patient/" + memberId) + "'");
        text.AppendLine("#    A security admin rotates the signing key (the old key stays published for the overlap):");
        text.AppendLine(AdminCurl(admin, AdminRoles.SecurityAdmin, $"{adminUrl}/admin/keys/rotate", post: true));
        text.AppendLine();
        text.AppendLine("# 9. Every call above is in the tamper-evident audit trail (one hash-chained record each, never a token); the auditor reads it:");
        text.AppendLine(AdminCurl(admin, AdminRoles.Auditor, $"{adminUrl}/admin/audit/records?partner=plan-a&limit=20") + "   # Plan A's history, oldest first (&cursor= for the next page)");
        text.AppendLine(AdminCurl(admin, AdminRoles.Auditor, $"{adminUrl}/admin/audit/export?partner=plan-a&format=fhir") + " # the same as FHIR AuditEvent NDJSON");
        text.AppendLine(AdminCurl(admin, AdminRoles.Auditor, $"{adminUrl}/admin/audit/verify") + "                      # re-walks the hash chain and signed checkpoints");
        text.AppendLine(AdminCurl(admin, AdminRoles.Auditor, $"{adminUrl}/admin/audit/scorecard") + "                   # governance figures for the last 30 days");
        text.AppendLine("#    From the command line: dotnet run --project src/PayerTrustGateway -- audit verify --config " + Relative(Path.GetFullPath(Path.Combine(pki.Directory, "..", "gateway.json"))));
        text.AppendLine();
        text.AppendLine("# 10. Continuous verification: a platform operator suspends Plan B's member-match workload on the admin API,");
        text.AppendLine("#     and its very next call is refused -> 401 workload-not-active; a security admin reinstates it");
        text.AppendLine(AdminCurl(admin, AdminRoles.PlatformOperator, $"{adminUrl}/admin/workloads/plan-b/member-match/suspend", post: true));
        text.AppendLine(Curl(pki, "plan-b-member-match", $"{baseUrl}/Patient/{memberId}", "-H \"Authorization: Bearer $TOKEN_B\" -w '\\nHTTP %{http_code}\\n'"));
        text.AppendLine(AdminCurl(admin, AdminRoles.SecurityAdmin, $"{adminUrl}/admin/workloads/plan-b/member-match/reinstate", post: true));
        text.AppendLine("#     The estate as the request path sees it (status, standing, certification, certificates), and the review queue:");
        text.AppendLine(AdminCurl(admin, AdminRoles.Auditor, $"{adminUrl}/admin/workloads"));
        text.AppendLine(AdminCurl(admin, AdminRoles.Reviewer, $"{adminUrl}/admin/reviews?overdue=true"));
        text.AppendLine();
        text.AppendLine($"# 11. Admin roles: tokens for each role are in {Relative(admin.Directory)} (regenerated at every start, valid 12 hours).");
        text.AppendLine("#     The auditor may read the trail but not rotate keys -> 403 admin-role-missing; without a token -> 401 admin-token-missing");
        text.AppendLine(AdminCurl(admin, AdminRoles.Auditor, $"{adminUrl}/admin/keys/rotate", post: true, status: true));
        text.AppendLine(AdminCurl(admin, AdminRoles.Reviewer, $"{adminUrl}/config/status") + "   # what configuration is serving (any role)");
        text.AppendLine();
        text.AppendLine("# Health and readiness (admin listener, loopback only, no token needed)");
        text.AppendLine($"curl -s {adminUrl}/readyz");
        text.AppendLine();
        text.AppendLine("Press Ctrl+C to stop.");
        return text.ToString();
    }

    // An admin API call with the bearer token of one role, read from its file at call time.
    private static string AdminCurl(SandboxAdminAccess admin, string role, string url, bool post = false, bool status = false) =>
        $"curl -s{(post ? " -X POST" : string.Empty)} -H \"Authorization: Bearer $(cat {Relative(admin.TokenFile(role))})\"{(status ? " -w '\\nHTTP %{http_code}\\n'" : string.Empty)} '{url}'";

    // Gets a certificate-bound token from /token into a shell variable.
    private static string TokenCall(SandboxPki pki, string variable, string leaf, string tokenUrl) =>
        $"{variable}=$({Curl(pki, leaf, tokenUrl, "-d grant_type=client_credentials")} | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')";

    private static string Curl(SandboxPki pki, string leaf, string url, string extra)
    {
        var (certificate, key) = pki.Leaf(leaf);
        return $"curl -s --cacert {Relative(pki.GatewayCa)} --cert {Relative(certificate)} --key {Relative(key)} {extra} '{url}'";
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
