using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>The compiled, immutable form of <see cref="ConsentOptions"/> used by the evaluator and the response guard.</summary>
internal sealed record ConsentRules(
    ImmutableArray<string> DefaultPurposesOfUse,
    FrozenDictionary<string, FrozenSet<string>> DataClasses,
    FrozenSet<string> SensitiveTypes,
    FrozenSet<string> SensitiveCodes,
    FrozenSet<string> SensitiveLabels,
    FrozenSet<string> SupportTypes,
    ResponseGuardMode GuardMode,
    int MaxGuardedResponseBytes)
{
    /// <summary>Every configured data class name.</summary>
    public ImmutableArray<string> ClassNames { get; } = [.. DataClasses.Keys.Order(StringComparer.Ordinal)];

    public static ConsentRules From(ConsentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ConsentRules(
            [.. options.DefaultPurposesOfUse],
            options.DataClasses.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ResourceTypes.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal),
            options.Sensitive.ResourceTypes.ToFrozenSet(StringComparer.Ordinal),
            options.Sensitive.Codes.ToFrozenSet(StringComparer.Ordinal),
            options.Sensitive.SecurityLabels.ToFrozenSet(StringComparer.Ordinal),
            options.EffectiveSupportResourceTypes.ToFrozenSet(StringComparer.Ordinal),
            options.ResponseGuard,
            options.MaxGuardedResponseBytes);
    }

    /// <summary>Whether a consent covering <paramref name="classes"/> covers <paramref name="resourceType"/> (support types always; with no classes configured, every type).</summary>
    public bool Covers(ImmutableArray<string> classes, string resourceType)
    {
        if (DataClasses.Count == 0 || SupportTypes.Contains(resourceType))
        {
            return true;
        }

        foreach (var name in classes)
        {
            if (DataClasses.TryGetValue(name, out var types) && types.Contains(resourceType))
            {
                return true;
            }
        }

        return false;
    }
}
