using PayerTrustGateway.Governance;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Continuous verification of a partner's security posture against a route's requirement: a signal must
/// exist, be no older than the route allows (by its attestation time), and assess no higher risk. Pure.
/// </summary>
internal static class PostureCheck
{
    public static (DenyReason Reason, string Rule) Evaluate(TrustPolicy policy, PostureSignal? posture, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (!policy.RequiresPosture)
        {
            return (DenyReason.None, string.Empty);
        }

        if (posture is null)
        {
            return (DenyReason.PostureMissing, "posture:required");
        }

        if (policy.MaxPostureAge is { } maxAge && now - posture.AttestedAt > maxAge)
        {
            return (DenyReason.PostureStale, "posture:max-age:" + maxAge.ToString("c", System.Globalization.CultureInfo.InvariantCulture));
        }

        return policy.MaxPostureRisk is { } maxRisk && posture.Risk > maxRisk
            ? (DenyReason.PostureRiskTooHigh, "posture:max-risk:" + maxRisk)
            : (DenyReason.None, "posture:" + posture.Risk);
    }
}
