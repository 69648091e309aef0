using System.Collections.Frozen;
using System.Collections.Immutable;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Policy;

/// <summary>A compiled, immutable route policy (see <see cref="TrustPolicyOptions"/>).</summary>
internal sealed record TrustPolicy(
    string Name,
    FrozenSet<string> Partners,
    FrozenSet<string> Workloads,
    FrozenSet<string> WorkloadTags,
    FrozenSet<ActorKind> ActorKinds,
    FrozenSet<FhirInteraction> Interactions,
    FrozenSet<string> ResourceTypes,
    FrozenSet<string> Operations,
    ImmutableArray<string> RequiredScopes,
    bool EnforceSmartScopes,
    FrozenSet<string> PurposesOfUse,
    bool RequireMemberContext,
    bool RequireConsent,
    bool RequireSenderConstrainedToken,
    bool SingleUseTokens,
    int RateLimitPerMinute,
    string FhirBase,
    int MaxClassifiedBodyBytes)
{
    /// <summary>Interactions admitted when a policy lists none.</summary>
    public static readonly IReadOnlyList<string> DefaultInteractions = ["read", "vread", "search-type", "search-compartment", "capabilities"];

    public bool AdmitsType(string type) => ResourceTypes.Contains("*") || ResourceTypes.Contains(type);

    public static TrustPolicy From(string name, TrustPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TrustPolicy(
            name,
            options.Partners.ToFrozenSet(StringComparer.Ordinal),
            options.Workloads.ToFrozenSet(StringComparer.Ordinal),
            options.WorkloadTags.ToFrozenSet(StringComparer.Ordinal),
            (options.ActorKinds.Count == 0 ? [ActorKind.System] : options.ActorKinds).ToFrozenSet(),
            (options.Interactions.Count == 0 ? DefaultInteractions : options.Interactions).Select(i => FhirInteractionNames.TryParse(i, out var parsed) ? parsed : FhirInteraction.Unknown).Where(i => i != FhirInteraction.Unknown).ToFrozenSet(),
            options.ResourceTypes.ToFrozenSet(StringComparer.Ordinal),
            options.Operations.Select(o => o.TrimStart('$')).ToFrozenSet(StringComparer.Ordinal),
            [.. options.RequiredScopes],
            options.EnforceSmartScopes,
            options.PurposesOfUse.ToFrozenSet(StringComparer.Ordinal),
            options.RequireMemberContext || options.RequireConsent,
            options.RequireConsent,
            options.RequireSenderConstrainedToken,
            options.SingleUseTokens,
            options.RateLimitPerMinute,
            "/" + options.FhirBase.Trim('/'),
            options.MaxClassifiedBodyBytes);
    }
}
