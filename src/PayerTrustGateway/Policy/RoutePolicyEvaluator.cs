using System.Collections.Immutable;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Evaluates a route policy for one classified FHIR request and one subject. Pure and default deny: the
/// first check that fails decides, with its rule and the evidence gathered so far.
/// Order: policy exists → token sender-constrained → workload admitted → actor kind → request well formed
/// → required scopes → purpose of use → each unit (interaction, type, operation, widening, SMART scopes)
/// → member context.
/// </summary>
internal static class RoutePolicyEvaluator
{
    public const string DefaultDenyRule = "default-deny";

    public static PolicyDecision Evaluate(TrustPolicy policy, FhirRequest request, PolicySubject subject)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(subject);
        var evidence = ImmutableArray.CreateBuilder<string>();
        evidence.Add(subject.WorkloadEvidence);
        evidence.Add(FhirInteractionNames.EvidenceOf(request.Interaction));
        PolicyDecision Deny(DenyReason reason, string rule, string? scope = null) =>
            new(reason, policy.Name, rule, evidence.ToImmutable()) { RequiredScope = scope };

        if (policy.RequireSenderConstrainedToken && subject.Binding == TokenBinding.None)
        {
            return Deny(DenyReason.TokenNotSenderConstrained, "sender-constrained-token-required");
        }

        var admission = Admission(policy, subject);
        if (admission is null)
        {
            return Deny(DenyReason.PolicyNotAdmitted, DefaultDenyRule);
        }

        if (!policy.ActorKinds.Contains(subject.ActorKind))
        {
            return Deny(DenyReason.ActorKindNotAllowed, "actor-kind:" + subject.ActorKind);
        }

        if (request.Problem is not null)
        {
            evidence.Add("problem=" + request.Problem);
            return Deny(DenyReason.FhirRequestMalformed, "fhir-request");
        }

        foreach (var required in policy.RequiredScopes)
        {
            if (!subject.Scopes.Contains(required, StringComparer.Ordinal))
            {
                return Deny(DenyReason.ScopeInsufficient, "required-scope:" + required, required);
            }
        }

        if (policy.PurposesOfUse.Count > 0 && !subject.PurposesOfUse.Any(policy.PurposesOfUse.Contains))
        {
            evidence.Add("purpose=" + string.Join(',', subject.PurposesOfUse));
            return Deny(DenyReason.PurposeOfUseNotAllowed, "purpose-of-use");
        }

        var units = request.Interaction is FhirInteraction.Batch or FhirInteraction.Transaction ? request.Entries : [request];
        if (!policy.Interactions.Contains(request.Interaction))
        {
            return Deny(DenyReason.InteractionNotAllowed, "interaction:" + FhirInteractionNames.Name(request.Interaction));
        }

        for (var i = 0; i < units.Length; i++)
        {
            var failure = CheckUnit(policy, units[i], subject, evidence, units.Length > 1 || !ReferenceEquals(units[i], request) ? $"entry[{i}]." : string.Empty);
            if (failure is not null)
            {
                return Deny(failure.Value.Reason, failure.Value.Rule, failure.Value.Scope);
            }
        }

        return new PolicyDecision(DenyReason.None, policy.Name, admission, evidence.ToImmutable()) { SingleUseToken = policy.SingleUseTokens };
    }

    private static string? Admission(TrustPolicy policy, PolicySubject subject)
    {
        if (policy.Workloads.Contains(subject.QualifiedId))
        {
            return "workload:" + subject.QualifiedId;
        }

        if (policy.Partners.Contains(subject.PartnerId))
        {
            return "partner:" + subject.PartnerId;
        }

        var tag = subject.Tags.FirstOrDefault(policy.WorkloadTags.Contains);
        return tag is null ? null : "tag:" + tag;
    }

    private static (DenyReason Reason, string Rule, string? Scope)? CheckUnit(
        TrustPolicy policy, FhirRequest unit, PolicySubject subject, ImmutableArray<string>.Builder evidence, string prefix)
    {
        var interaction = FhirInteractionNames.Name(unit.Interaction);
        if (prefix.Length > 0)
        {
            evidence.Add(prefix + "interaction=" + interaction);
        }

        if (!policy.Interactions.Contains(unit.Interaction))
        {
            return (DenyReason.InteractionNotAllowed, prefix + "interaction:" + interaction, null);
        }

        if (unit.ResourceType is { } type)
        {
            evidence.Add(prefix + "type=" + type);
            if (!policy.AdmitsType(type))
            {
                return (DenyReason.ResourceTypeNotAllowed, prefix + "resource-type:" + type, null);
            }
        }

        if (unit.Operation is { } operation && unit.Interaction == FhirInteraction.Operation && !policy.Operations.Contains(operation))
        {
            return (DenyReason.OperationNotAllowed, prefix + "operation:" + operation, null);
        }

        var widening = CheckWidening(policy, unit, evidence, prefix);
        if (widening is not null)
        {
            return widening;
        }

        var scope = policy.EnforceSmartScopes ? MissingScope(unit, subject.SmartScopes) : null;
        if (scope is not null)
        {
            return (DenyReason.ScopeInsufficient, prefix + "scope:" + scope, scope);
        }

        return policy.RequireMemberContext && unit.Interaction != FhirInteraction.Capabilities && unit.SingleMember() is null
            ? (DenyReason.MemberContextRequired, prefix + "member-context", null)
            : null;
    }

    private static (DenyReason, string, string?)? CheckWidening(TrustPolicy policy, FhirRequest unit, ImmutableArray<string>.Builder evidence, string prefix)
    {
        var widening = unit.Widening;
        if (!widening.Parameters.IsEmpty)
        {
            evidence.Add(prefix + "widening=" + string.Join('&', widening.Parameters));
        }

        // An unscoped system search reaches every type.
        if (unit.Interaction == FhirInteraction.SearchSystem && widening.ReachedTypes.IsEmpty && !policy.AdmitsType("*"))
        {
            return (DenyReason.WideningNotAllowed, prefix + "unscoped-system-search", null);
        }

        if (widening.Unbounded)
        {
            return (DenyReason.WideningNotAllowed, prefix + "unbounded-widening", null);
        }

        var outside = widening.ReachedTypes.FirstOrDefault(type => !policy.AdmitsType(type));
        return outside is null ? null : (DenyReason.WideningNotAllowed, prefix + "widening-reaches:" + outside, null);
    }

    // S7.4: read/vread/history → r; search → s; create → c; update/patch → u; delete → d; operations → r;
    // every type a widening parameter reaches must be readable and searchable too.
    private static string? MissingScope(FhirRequest unit, SmartScopeSet scopes)
    {
        var (permission, letter) = unit.Interaction switch
        {
            FhirInteraction.Capabilities => (SmartPermissions.None, string.Empty),
            FhirInteraction.SearchType or FhirInteraction.SearchSystem or FhirInteraction.SearchCompartment => (SmartPermissions.Search, "s"),
            FhirInteraction.Create => (SmartPermissions.Create, "c"),
            FhirInteraction.Update or FhirInteraction.Patch => (SmartPermissions.Update, "u"),
            FhirInteraction.Delete => (SmartPermissions.Delete, "d"),
            _ => (SmartPermissions.Read, "r"),
        };
        var primary = unit.ResourceType ?? (unit.Interaction == FhirInteraction.SearchSystem ? null : "*");
        if (permission != SmartPermissions.None && primary is not null && !scopes.Grants(primary, permission))
        {
            return $"system/{primary}.{letter}";
        }

        foreach (var type in unit.Widening.ReachedTypes)
        {
            if (!scopes.Grants(type, SmartPermissions.Read) || !scopes.Grants(type, SmartPermissions.Search))
            {
                return $"system/{type}.rs";
            }
        }

        return null;
    }
}
