using System.Collections.Frozen;

namespace PayerTrustGateway.Policy;

/// <summary>A compiled, immutable route policy.</summary>
internal sealed record TrustPolicy(
    string Name,
    FrozenSet<string> Partners,
    FrozenSet<string> Workloads,
    bool RequireSenderConstrainedToken,
    bool SingleUseTokens = false);
