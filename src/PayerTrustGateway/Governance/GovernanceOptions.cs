namespace PayerTrustGateway.Governance;

/// <summary>Workload lifecycle governance, exceptions and break-glass (<c>TrustGateway:Governance</c>).</summary>
public sealed class GovernanceOptions
{
    public const string SectionName = "TrustGateway:Governance";

    /// <summary>How long past its review date a workload keeps working before it is refused as overdue. Default 7 days.</summary>
    public TimeSpan CertificationGrace { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Longest review cadence a workload may have. Default 365 days.</summary>
    public TimeSpan MaxReviewCadence { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Longest time an exception may run once approved. Default 30 days.</summary>
    public TimeSpan MaxExceptionDuration { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Longest time break-glass access may run. Default 4 hours.</summary>
    public TimeSpan MaxBreakGlassDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>Within how long a break-glass use must be reviewed. Default (and maximum) 24 hours.</summary>
    public TimeSpan BreakGlassReviewWithin { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Within how long an exception request should be decided (its review item's due time). Default 3 days.</summary>
    public TimeSpan ExceptionApprovalWithin { get; set; } = TimeSpan.FromDays(3);
}
