using System.Collections.Immutable;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Governance;

/// <summary>
/// The governance figures of the scorecard, as of a moment: the manual-review queue's depth, reviews past
/// due (break-glass post-reviews must be done within 24 hours), workloads whose certification has lapsed,
/// and grants in force. Computed from the current snapshot, never from counters.
/// </summary>
internal sealed record GovernanceStanding
{
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>Review items not yet decided.</summary>
    public required int ManualReviewQueueDepth { get; init; }

    /// <summary>Undecided review items past their due time.</summary>
    public required ImmutableArray<string> OverdueReviews { get; init; }

    /// <summary>Workloads refused because their certification lapsed (review date plus grace passed).</summary>
    public required ImmutableArray<string> OverdueCertifications { get; init; }

    public required int ExceptionsInForce { get; init; }

    public required int BreakGlassInForce { get; init; }

    public static GovernanceStanding Of(GovernanceState state, PartnerDirectory directory, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        return new GovernanceStanding
        {
            AsOf = now,
            ManualReviewQueueDepth = state.Reviews.Values.Count(item => item.State != ReviewState.Decided),
            OverdueReviews = [.. state.Reviews.Values.Where(item => item.IsOverdueAt(now)).OrderBy(item => item.DueAt).Select(item => item.Id)],
            OverdueCertifications = [.. directory.Workloads
                .Where(workload => PartnerCertificateValidator.CheckLifecycle(workload, directory, now) == DenyReason.WorkloadCertificationOverdue)
                .Select(workload => workload.QualifiedId)
                .Order(StringComparer.Ordinal)],
            ExceptionsInForce = state.Grants.Values.Count(grant => grant.Kind == GrantKind.Exception && grant.IsInForceAt(now)),
            BreakGlassInForce = state.Grants.Values.Count(grant => grant.Kind == GrantKind.BreakGlass && grant.IsInForceAt(now)),
        };
    }
}
