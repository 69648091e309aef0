namespace PayerTrustGateway.Audit;

/// <summary>
/// A search of the trail. Every filter is optional and they combine with AND; results come oldest first
/// (time, then commit order) in pages of <see cref="Limit"/>, continued with the page's cursor.
/// </summary>
internal sealed record AuditQuery
{
    public string? Partner { get; init; }

    /// <summary>A qualified workload id, <c>partner/workload</c>.</summary>
    public string? Workload { get; init; }

    public string? Member { get; init; }

    public string? ConsentId { get; init; }

    /// <summary>A request id (the decision id sent downstream as <c>decision_id</c>).</summary>
    public string? RequestId { get; init; }

    /// <summary>A denial reason code, e.g. <c>consent-revoked</c>.</summary>
    public string? Reason { get; init; }

    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    public string? Decision { get; init; }

    public AuditKind? Kind { get; init; }

    /// <summary>Inclusive lower bound on <see cref="AuditRecord.Time"/>.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Exclusive upper bound on <see cref="AuditRecord.Time"/>.</summary>
    public DateTimeOffset? To { get; init; }

    public int Limit { get; init; } = 100;

    /// <summary>Continue after this position (from the previous page's <see cref="AuditPage.NextCursor"/>).</summary>
    public AuditCursor? After { get; init; }
}
