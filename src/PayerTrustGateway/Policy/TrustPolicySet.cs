using System.Collections.Frozen;

namespace PayerTrustGateway.Policy;

/// <summary>An immutable snapshot of all route policies.</summary>
internal sealed class TrustPolicySet
{
    private readonly FrozenDictionary<string, TrustPolicy> _policies;

    private TrustPolicySet(FrozenDictionary<string, TrustPolicy> policies) => _policies = policies;

    public int Count => _policies.Count;

    public static TrustPolicySet From(PoliciesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TrustPolicySet(options.Policies.ToFrozenDictionary(
            pair => pair.Key,
            pair => new TrustPolicy(
                pair.Key,
                pair.Value.Partners.ToFrozenSet(StringComparer.Ordinal),
                pair.Value.Workloads.ToFrozenSet(StringComparer.Ordinal),
                pair.Value.RequireSenderConstrainedToken,
                pair.Value.SingleUseTokens),
            StringComparer.Ordinal));
    }

    public bool TryGet(string name, out TrustPolicy? policy) => _policies.TryGetValue(name, out policy);

    public bool Contains(string name) => _policies.ContainsKey(name);
}
