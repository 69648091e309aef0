namespace PayerTrustGateway.Governance;

/// <summary>
/// The manual-review queue, shared by exception approvals and break-glass post-reviews (and, later,
/// ambiguous member matches): list, claim, decide. One reviewer claims an item and only that reviewer
/// decides it; nobody reviews their own request. Deciding applies the effect in the same change: an
/// approved exception starts its time box, a rejected one never runs, a rejected break-glass ends at once.
/// </summary>
internal sealed class ReviewQueue
{
    private readonly GovernanceRegistry _governance;

    public ReviewQueue(GovernanceRegistry governance)
    {
        ArgumentNullException.ThrowIfNull(governance);
        _governance = governance;
    }

    /// <summary>Items by state and kind, oldest first; <paramref name="overdueOnly"/> keeps those past due and undecided.</summary>
    public IReadOnlyList<ReviewItem> List(ReviewState? state, ReviewKind? kind, bool overdueOnly, DateTimeOffset now) =>
        [.. _governance.Current.Reviews.Values
            .Where(item => (state is null || item.State == state) && (kind is null || item.Kind == kind) && (!overdueOnly || item.IsOverdueAt(now)))
            .OrderBy(item => item.CreatedAt)
            .ThenBy(item => item.Id, StringComparer.Ordinal)];

    public Task<GovernanceOutcome> ClaimAsync(string id, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            if (!state.Reviews.TryGetValue(id, out var item))
            {
                return NotFound(id).WithoutDocuments();
            }

            if (string.Equals(item.RequestedBy, actor, StringComparison.OrdinalIgnoreCase))
            {
                return OwnRequest().WithoutDocuments();
            }

            if (item.State == ReviewState.Decided || (item.State == ReviewState.Claimed && item.ClaimedBy != actor))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, item.State == ReviewState.Decided
                    ? "The item is already decided."
                    : $"The item is claimed by {item.ClaimedBy}.").WithoutDocuments();
            }

            var claimed = item with { State = ReviewState.Claimed, ClaimedBy = actor, ClaimedAt = now };
            return GovernanceOutcome.Changed(claimed, "review.claim", id, "state=" + item.State, "state=Claimed; by=" + actor).Writing(claimed);
        }, cancellationToken);

    public Task<GovernanceOutcome> DecideAsync(string id, ReviewDecision decision, string? note, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            if (!state.Reviews.TryGetValue(id, out var item))
            {
                return NotFound(id).WithoutDocuments();
            }

            if (string.Equals(item.RequestedBy, actor, StringComparison.OrdinalIgnoreCase))
            {
                return OwnRequest().WithoutDocuments();
            }

            if (item.State != ReviewState.Claimed || item.ClaimedBy != actor)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, item.State == ReviewState.Decided
                    ? "The item is already decided."
                    : "Claim the item before deciding it.").WithoutDocuments();
            }

            var problems = new List<string>();
            if (!Enum.IsDefined(decision))
            {
                problems.Add("decision must be approve or reject.");
            }

            if (note is not null || decision == ReviewDecision.Reject)
            {
                GovernanceInput.RequireText(problems, "note", note, 1000);
            }

            if (problems.Count > 0)
            {
                return GovernanceOutcome.Invalid(problems).WithoutDocuments();
            }

            var decided = item with { State = ReviewState.Decided, Decision = decision, DecidedBy = actor, DecidedAt = now, Note = note };
            var documents = new List<object> { decided };
            if (state.Grants.TryGetValue(item.SubjectId, out var grant) && Apply(item.Kind, decision, grant, actor, now) is { } changed)
            {
                documents.Add(changed);
            }

            var after = $"decision={decision}; by={actor}" + (item.IsOverdueAt(now) ? "; decided after its due time" : string.Empty);
            return GovernanceOutcome.Changed(decided, "review.decide", id, "state=" + item.State, after).Writing([.. documents]);
        }, cancellationToken);

    private static AccessGrant? Apply(ReviewKind kind, ReviewDecision decision, AccessGrant grant, string actor, DateTimeOffset now) => (kind, decision) switch
    {
        (ReviewKind.ExceptionApproval, ReviewDecision.Approve) when grant.State == GrantState.Pending =>
            grant with { State = GrantState.Approved, ApprovedBy = actor, StartsAt = now, EndsAt = now + grant.Duration },
        (ReviewKind.ExceptionApproval, ReviewDecision.Reject) when grant.State == GrantState.Pending =>
            grant with { State = GrantState.Rejected, ClosedBy = actor, ClosedAt = now },
        (ReviewKind.BreakGlassReview, ReviewDecision.Reject) when grant.IsInForceAt(now) =>
            grant with { State = GrantState.Revoked, ClosedBy = actor, ClosedAt = now },
        _ => null,
    };

    private static GovernanceOutcome NotFound(string id) => GovernanceOutcome.Fail(GovernanceOutcomeKind.NotFound, $"Review item '{id}' does not exist.");

    private static GovernanceOutcome OwnRequest() =>
        GovernanceOutcome.Fail(GovernanceOutcomeKind.Forbidden, "Nobody reviews their own request: another reviewer must claim and decide this item.");
}
