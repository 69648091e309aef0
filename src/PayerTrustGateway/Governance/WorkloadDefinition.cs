using System.Collections.Immutable;

namespace PayerTrustGateway.Governance;

/// <summary>
/// A workload registered through the admin API: how its certificate is recognised (at most one of SAN URI,
/// SAN DNS name or SPKI pin; attached certificates also identify it) and what it may be granted.
/// </summary>
internal sealed record WorkloadDefinition
{
    public string? SanUri { get; init; }

    public string? SanDns { get; init; }

    public string? SpkiSha256 { get; init; }

    public string? ClientId { get; init; }

    public ImmutableArray<string> Scopes { get; init; } = [];

    public ImmutableArray<string> PurposesOfUse { get; init; } = [];

    public ImmutableArray<string> Tags { get; init; } = [];
}
