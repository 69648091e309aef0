using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>The route policy's verdict and what decided it, for the decision log and audit.</summary>
/// <param name="Reason"><see cref="DenyReason.None"/> when allowed.</param>
/// <param name="PolicyName">The policy evaluated, or the name the route asked for when it does not exist.</param>
/// <param name="Rule">The rule that decided: <c>partner:{id}</c>, <c>workload:{partner/workload}</c> or <c>default-deny</c>.</param>
internal sealed record PolicyDecision(DenyReason Reason, string PolicyName, string Rule)
{
    /// <summary>The route makes tokens single-use: the caller must record the token's jti before forwarding.</summary>
    public bool SingleUseToken { get; init; }

    public bool IsAllowed => Reason == DenyReason.None;
}
