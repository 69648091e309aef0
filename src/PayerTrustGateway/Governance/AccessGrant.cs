using System.Collections.Immutable;

namespace PayerTrustGateway.Governance;

/// <summary>
/// A time-boxed extra permission for one workload on one route: resource types and purposes of use its
/// route policy does not give it. An exception needs a second person's approval; break-glass is in force
/// at once and is reviewed afterwards. Every request it lets through is flagged in the audit record.
/// </summary>
internal sealed record AccessGrant
{
    public required string Id { get; init; }

    public required GrantKind Kind { get; init; }

    /// <summary>"partner/workload".</summary>
    public required string Workload { get; init; }

    /// <summary>The YARP route id the grant applies to.</summary>
    public required string RouteId { get; init; }

    /// <summary>Resource types granted beyond the route policy (may be empty).</summary>
    public ImmutableArray<string> ResourceTypes { get; init; } = [];

    /// <summary>Purposes of use granted beyond the route policy (may be empty).</summary>
    public ImmutableArray<string> PurposesOfUse { get; init; } = [];

    public required string Reason { get; init; }

    public required string RequestedBy { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    public GrantState State { get; init; }

    public string? ApprovedBy { get; init; }

    public DateTimeOffset? StartsAt { get; init; }

    public DateTimeOffset? EndsAt { get; init; }

    public string? ClosedBy { get; init; }

    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>In force at <paramref name="now"/>: approved and inside its time box. Expiry needs no job.</summary>
    public bool IsInForceAt(DateTimeOffset now) => State == GrantState.Approved && StartsAt <= now && now < EndsAt;

    /// <summary>What an operator sees: pending, active, expired, rejected or revoked.</summary>
    public string EffectiveState(DateTimeOffset now) => State switch
    {
        GrantState.Pending => "pending",
        GrantState.Approved => now < EndsAt ? "active" : "expired",
        GrantState.Rejected => "rejected",
        _ => "revoked",
    };
}
