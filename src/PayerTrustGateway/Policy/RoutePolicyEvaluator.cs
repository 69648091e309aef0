using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>Evaluates a route's trust policy for one authenticated workload. Pure; default deny.</summary>
internal static class RoutePolicyEvaluator
{
    public const string DefaultDenyRule = "default-deny";

    public static PolicyDecision Evaluate(string? policyName, TrustPolicySet policies, WorkloadIdentity workload, TokenIdentity token)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(token);

        if (string.IsNullOrEmpty(policyName) || !policies.TryGet(policyName, out var policy))
        {
            return new PolicyDecision(DenyReason.PolicyMissing, policyName ?? string.Empty, DefaultDenyRule);
        }

        if (policy!.RequireSenderConstrainedToken && token.Binding == TokenBinding.None)
        {
            return new PolicyDecision(DenyReason.TokenNotSenderConstrained, policy.Name, "sender-constrained-token-required");
        }

        if (policy.Workloads.Contains(workload.QualifiedId))
        {
            return new PolicyDecision(DenyReason.None, policy.Name, "workload:" + workload.QualifiedId) { SingleUseToken = policy.SingleUseTokens };
        }

        return policy.Partners.Contains(workload.PartnerId)
            ? new PolicyDecision(DenyReason.None, policy.Name, "partner:" + workload.PartnerId) { SingleUseToken = policy.SingleUseTokens }
            : new PolicyDecision(DenyReason.PolicyNotAdmitted, policy.Name, DefaultDenyRule);
    }
}
