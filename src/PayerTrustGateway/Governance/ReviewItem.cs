namespace PayerTrustGateway.Governance;

/// <summary>
/// One item in the manual-review queue (exception approvals, break-glass post-reviews; later ambiguous
/// member matches). Claimed by one reviewer, decided by that reviewer, never by whoever it concerns.
/// </summary>
internal sealed record ReviewItem
{
    public required string Id { get; init; }

    public required ReviewKind Kind { get; init; }

    /// <summary>What is reviewed, e.g. the grant id.</summary>
    public required string SubjectId { get; init; }

    /// <summary>Whoever the item concerns: that person may not decide it.</summary>
    public required string RequestedBy { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset DueAt { get; init; }

    public ReviewState State { get; init; }

    public string? ClaimedBy { get; init; }

    public DateTimeOffset? ClaimedAt { get; init; }

    public string? DecidedBy { get; init; }

    public DateTimeOffset? DecidedAt { get; init; }

    public ReviewDecision? Decision { get; init; }

    public string? Note { get; init; }

    public bool IsOverdueAt(DateTimeOffset now) => State != ReviewState.Decided && now > DueAt;
}
