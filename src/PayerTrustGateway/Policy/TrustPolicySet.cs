using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PayerTrustGateway.Policy;

/// <summary>An immutable snapshot of all route policies: enforced ones by name, and the shadows of each.</summary>
internal sealed class TrustPolicySet
{
    private readonly FrozenDictionary<string, TrustPolicy> _enforced;
    private readonly FrozenDictionary<string, ImmutableArray<TrustPolicy>> _shadows;

    private TrustPolicySet(FrozenDictionary<string, TrustPolicy> enforced, FrozenDictionary<string, ImmutableArray<TrustPolicy>> shadows)
    {
        _enforced = enforced;
        _shadows = shadows;
    }

    public int Count => _enforced.Count;

    public static TrustPolicySet From(PoliciesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var enforced = options.Policies.Where(pair => pair.Value.Mode == PolicyMode.Enforce)
            .ToFrozenDictionary(pair => pair.Key, pair => TrustPolicy.From(pair.Key, pair.Value), StringComparer.Ordinal);
        var shadows = options.Policies.Where(pair => pair.Value.Mode == PolicyMode.Shadow && pair.Value.ShadowOf is not null)
            .GroupBy(pair => pair.Value.ShadowOf!, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.Select(pair => TrustPolicy.From(pair.Key, pair.Value)).ToImmutableArray(), StringComparer.Ordinal);
        return new TrustPolicySet(enforced, shadows);
    }

    /// <summary>An enforced policy by name (shadow policies are never found here).</summary>
    public bool TryGet(string name, out TrustPolicy? policy) => _enforced.TryGetValue(name, out policy);

    public bool Contains(string name) => _enforced.ContainsKey(name);

    /// <summary>The shadow policies evaluated beside <paramref name="enforcedName"/>.</summary>
    public ImmutableArray<TrustPolicy> ShadowsOf(string enforcedName) =>
        _shadows.TryGetValue(enforcedName, out var shadows) ? shadows : [];
}
