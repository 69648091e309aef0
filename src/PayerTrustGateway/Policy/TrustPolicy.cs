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

    /// <summary>Highest partner risk admitted, if the route requires posture.</summary>
    public Governance.PostureRisk? MaxPostureRisk { get; init; }

    /// <summary>Oldest posture signal admitted, if the route requires posture.</summary>
    public TimeSpan? MaxPostureAge { get; init; }

    /// <summary>Whether the route requires a posture signal at all.</summary>
    public bool RequiresPosture => MaxPostureRisk is not null || MaxPostureAge is not null;

    /// <summary>A fingerprint of everything the policy decides by: changes whenever an edit changes the policy (cache keys, decision records).</summary>
    public string Version { get; init; } = string.Empty;

    public static TrustPolicy From(string name, TrustPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var policy = new TrustPolicy(
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
        policy = policy with { MaxPostureRisk = options.MaxPostureRisk, MaxPostureAge = options.MaxPostureAge };
        return policy with { Version = Fingerprint(policy) };
    }

    private static string Fingerprint(TrustPolicy policy)
    {
        static string Set<T>(IEnumerable<T> values) => string.Join(',', values.Select(value => value!.ToString()).Order(StringComparer.Ordinal));
        var canonical = string.Join('\n',
            policy.Name, Set(policy.Partners), Set(policy.Workloads), Set(policy.WorkloadTags), Set(policy.ActorKinds), Set(policy.Interactions),
            Set(policy.ResourceTypes), Set(policy.Operations), string.Join(',', policy.RequiredScopes), policy.EnforceSmartScopes, Set(policy.PurposesOfUse),
            policy.RequireMemberContext, policy.RequireConsent, policy.RequireSenderConstrainedToken, policy.SingleUseTokens, policy.RateLimitPerMinute,
            policy.FhirBase, policy.MaxClassifiedBodyBytes, policy.MaxPostureRisk, policy.MaxPostureAge);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 8));
    }
}
