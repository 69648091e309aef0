using System.Collections.Frozen;
using System.Collections.Immutable;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Applies an exception or break-glass grant to a refused request: the route policy is re-evaluated as if
/// it also admitted the workload, the grant's resource types and purposes of use, and the SMART read scopes
/// of those types. Everything else the policy checks (interactions, widening, member context, consent
/// later) still applies, and only a grant in force for this workload and route is considered. Pure.
/// </summary>
internal static class GrantWidening
{
    /// <summary>Refusals a grant can lift; any other refusal stands.</summary>
    public static bool CanLift(DenyReason reason) => reason is DenyReason.PolicyNotAdmitted or DenyReason.ResourceTypeNotAllowed
        or DenyReason.PurposeOfUseNotAllowed or DenyReason.ScopeInsufficient;

    /// <summary>The first grant in force that turns the refusal into an allow, with that decision; or null.</summary>
    public static (AccessGrant Grant, PolicyDecision Decision)? TryLift(
        TrustPolicy policy, Fhir.FhirRequest request, PolicySubject subject, ImmutableArray<AccessGrant> grants, string routeId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(subject);
        foreach (var grant in grants)
        {
            if (!grant.IsInForceAt(now) || !string.Equals(grant.RouteId, routeId, StringComparison.Ordinal))
            {
                continue;
            }

            var widened = policy with
            {
                Workloads = policy.Workloads.Append(subject.QualifiedId).ToFrozenSet(StringComparer.Ordinal),
                ResourceTypes = policy.ResourceTypes.Concat(grant.ResourceTypes).ToFrozenSet(StringComparer.Ordinal),
                PurposesOfUse = policy.PurposesOfUse.Count == 0 ? policy.PurposesOfUse : policy.PurposesOfUse.Concat(grant.PurposesOfUse).ToFrozenSet(StringComparer.Ordinal),
            };
            var scopes = subject.Scopes.AddRange(grant.ResourceTypes.Select(type => "system/" + type + ".rs")).Distinct(StringComparer.Ordinal);
            // A new subject (not `with`): its parsed SMART scopes are computed at construction.
            var widenedSubject = new PolicySubject(subject.PartnerId, subject.WorkloadId, subject.Tags, subject.ActorKind, subject.Binding, [.. scopes], subject.PurposesOfUse);
            var decision = RoutePolicyEvaluator.Evaluate(widened, request, widenedSubject);
            if (decision.IsAllowed)
            {
                var kind = grant.Kind == GrantKind.BreakGlass ? "break-glass:" : "exception:";
                return (grant, decision with { Rule = kind + grant.Id, Evidence = decision.Evidence.Add("grant=" + grant.Id) });
            }
        }

        return null;
    }
}
