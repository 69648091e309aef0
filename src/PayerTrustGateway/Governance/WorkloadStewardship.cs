namespace PayerTrustGateway.Governance;

/// <summary>Who answers for a nonhuman identity, why it exists, until when, and how often it is re-certified.</summary>
internal sealed record WorkloadStewardship
{
    /// <summary>The team or person operating the workload.</summary>
    public required string Owner { get; init; }

    /// <summary>The accountable person who vouches for it (not the owner).</summary>
    public required string Sponsor { get; init; }

    /// <summary>Why the workload exists (business purpose).</summary>
    public required string Purpose { get; init; }

    /// <summary>After this the workload is refused until its expiry is extended.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How often a reviewer must certify it.</summary>
    public required TimeSpan ReviewCadence { get; init; }

    /// <summary>A certification from configuration (workloads defined there), if any.</summary>
    public DateTimeOffset? CertifiedAt { get; init; }
}
