namespace PayerTrustGateway.Audit;

/// <summary>The values of <see cref="AuditRecord.Decision"/>.</summary>
internal static class AuditDecisions
{
    public const string Allow = "allow";
    public const string Deny = "deny";
}
