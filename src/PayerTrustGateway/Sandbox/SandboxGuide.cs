using System.Text;

namespace PayerTrustGateway.Sandbox;

/// <summary>The example calls the sandbox prints, each with the answer it gets.</summary>
internal static class SandboxGuide
{
    public static string Describe(SandboxPki pki, int partnerPort, int adminPort, string memberId)
    {
        ArgumentNullException.ThrowIfNull(pki);
        var baseUrl = $"https://localhost:{partnerPort}/fhir";
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("PayerTrustGateway sandbox is running. Try (from this directory):");
        text.AppendLine();
        text.AppendLine("# 1. Allowed: Plan A's claims-sync workload reads a member -> 200 Patient");
        text.AppendLine(Curl(pki, "plan-a-claims-sync", $"{baseUrl}/Patient/{memberId}"));
        text.AppendLine();
        text.AppendLine("# 2. Refused: a certificate from an unknown CA claiming the same workload -> 401 OperationOutcome");
        text.AppendLine(Curl(pki, "rogue-claims-sync", $"{baseUrl}/Patient/{memberId}"));
        text.AppendLine();
        text.AppendLine("# 3. Refused by policy: Plan B's member-match workload may not read claims -> 403 OperationOutcome");
        text.AppendLine(Curl(pki, "plan-b-member-match", $"{baseUrl}/ExplanationOfBenefit?patient={memberId}"));
        text.AppendLine();
        text.AppendLine("# 4. Refused: a certificate revoked on Plan A's CRL -> 401 OperationOutcome");
        text.AppendLine(Curl(pki, "plan-a-claims-sync-revoked", $"{baseUrl}/Patient/{memberId}"));
        text.AppendLine();
        text.AppendLine("# Health and readiness (admin listener, loopback only)");
        text.AppendLine($"curl -s http://127.0.0.1:{adminPort}/readyz");
        text.AppendLine();
        text.AppendLine("Press Ctrl+C to stop.");
        return text.ToString();
    }

    private static string Curl(SandboxPki pki, string leaf, string url)
    {
        var (certificate, key) = pki.Leaf(leaf);
        return $"curl -s -w '\\nHTTP %{{http_code}}\\n' --cacert {Relative(pki.GatewayCa)} --cert {Relative(certificate)} --key {Relative(key)} '{url}'";
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
