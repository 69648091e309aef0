namespace PayerTrustGateway.Audit;

/// <summary>The values of <see cref="AuditRecord.ActorKind"/>.</summary>
internal static class AuditActors
{
    public const string Workload = "workload";
    public const string Operator = "operator";
    public const string System = "system";

    /// <summary>The actor named for changes the gateway makes itself.</summary>
    public const string Gateway = "gateway";
}
