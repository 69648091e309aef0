using System.Collections.Immutable;

namespace PayerTrustGateway.Audit;

/// <summary>
/// The figures a partner-governance review asks for, for one period, computed from the audit store
/// (<see cref="AuditScorecardCalculator"/>), with the governance standing as of the report
/// (<see cref="Governance"/>: review queue, overdue reviews and certifications) from the governance store.
/// </summary>
internal sealed record AuditScorecard
{
    public DateTimeOffset From { get; init; }

    public DateTimeOffset To { get; init; }

    /// <summary>Partner calls (the partner listener, <c>/token</c> excluded).</summary>
    public long Calls { get; init; }

    /// <summary>Calls over mTLS whose token was sender-constrained (certificate- or DPoP-bound).</summary>
    public long MtlsBoundTokenCalls { get; init; }

    /// <summary><see cref="MtlsBoundTokenCalls"/> ÷ <see cref="Calls"/> (null without calls).</summary>
    public double? MtlsBoundTokenShare { get; init; }

    public long Allowed { get; init; }

    public long Denied { get; init; }

    public ImmutableSortedDictionary<string, long> DenialsByReason { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    /// <summary>Lifetimes (seconds) of tokens accepted on partner calls.</summary>
    public Distribution AcceptedTokenLifetimeSeconds { get; init; } = Distribution.Empty;

    /// <summary>Lifetimes (seconds) of tokens issued by <c>/token</c>.</summary>
    public Distribution IssuedTokenLifetimeSeconds { get; init; } = Distribution.Empty;

    /// <summary>Time (ms) the live-consent stage took per request.</summary>
    public Distribution ConsentDecisionMilliseconds { get; init; } = Distribution.Empty;

    /// <summary>Each consent revoked in the period and how long until the first request it refused.</summary>
    public ImmutableArray<RevocationPropagation> Revocations { get; init; } = [];

    /// <summary>Seconds from revocation to first refusal, over the revocations that were followed by one.</summary>
    public Distribution RevocationPropagationSeconds { get; init; } = Distribution.Empty;

    /// <summary>Requests on which a shadow policy decided differently, by <c>policy:reason</c> of the shadow.</summary>
    public ImmutableSortedDictionary<string, long> ShadowDisagreements { get; init; } = ImmutableSortedDictionary<string, long>.Empty;

    /// <summary>Per workload, the latest client certificate it presented in the period and the days left on it.</summary>
    public ImmutableArray<CertificateHorizon> CertificateExpiry { get; init; } = [];

    public long RotationsSucceeded { get; init; }

    public long RotationsFailed { get; init; }

    /// <summary>Succeeded ÷ all rotations (null without rotations).</summary>
    public double? RotationSuccessRate { get; init; }

    /// <summary>Workload certificate rotation steps (attach, retire) that succeeded in the period.</summary>
    public long CertificateRotationsSucceeded { get; init; }

    /// <summary>Workload certificate rotation steps refused in the period (bad certificate, third current certificate, ...).</summary>
    public long CertificateRotationsFailed { get; init; }

    /// <summary>The governance standing now (review queue, overdue reviews and certifications), from the governance store.</summary>
    public Governance.GovernanceStanding? Governance { get; init; }

    /// <summary>Control-plane changes by action.</summary>
    public ImmutableSortedDictionary<string, long> Changes { get; init; } = ImmutableSortedDictionary<string, long>.Empty;
}

/// <summary>Count and order statistics of a set of values (nearest-rank percentiles).</summary>
internal sealed record Distribution(long Count, double? Min, double? P50, double? P90, double? P99, double? Max)
{
    public static readonly Distribution Empty = new(0, null, null, null, null, null);

    public static Distribution Of(List<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return Empty;
        }

        values.Sort();
        return new Distribution(values.Count, values[0], Rank(values, 0.50), Rank(values, 0.90), Rank(values, 0.99), values[^1]);
    }

    private static double Rank(List<double> sorted, double percentile) =>
        sorted[Math.Clamp((int)Math.Ceiling(percentile * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>A consent revocation and the first request it refused (null when none was refused in the period).</summary>
internal sealed record RevocationPropagation(string ConsentId, DateTimeOffset RevokedAt, DateTimeOffset? FirstRefusalAt, double? Seconds);

/// <summary>The latest certificate a workload presented in the period.</summary>
internal sealed record CertificateHorizon(string Workload, string Thumbprint, DateTimeOffset NotAfter, double DaysLeft);
