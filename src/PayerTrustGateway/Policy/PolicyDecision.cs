using System.Collections.Immutable;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>The route policy's verdict, what decided it, and the evidence used (for the decision log and audit, never the response).</summary>
/// <param name="Reason"><see cref="DenyReason.None"/> when allowed.</param>
/// <param name="PolicyName">The policy evaluated, or the name the route asked for when it does not exist.</param>
/// <param name="Rule">The rule that decided, e.g. <c>partner:plan-a</c>, <c>resource-type:Claim</c>, <c>default-deny</c>.</param>
/// <param name="Evidence">Facts the decision used, as <c>name=value</c>.</param>
internal sealed record PolicyDecision(DenyReason Reason, string PolicyName, string Rule, ImmutableArray<string> Evidence)
{
    public PolicyDecision(DenyReason reason, string policyName, string rule)
        : this(reason, policyName, rule, [])
    {
    }

    public bool IsAllowed => Reason == DenyReason.None;

    /// <summary>The route makes tokens single-use: the caller must record the token's jti before forwarding.</summary>
    public bool SingleUseToken { get; init; }

    /// <summary>For <see cref="DenyReason.ScopeInsufficient"/>: a scope that would have sufficed (RFC 6750 §3 scope attribute).</summary>
    public string? RequiredScope { get; init; }
}
