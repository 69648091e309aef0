using System.Collections.Frozen;
using System.Collections.Immutable;
using Hl7.Fhir.Model;

namespace PayerTrustGateway.Fhir;

/// <summary>
/// The R4 resource types and the target types of every reference search parameter, from the Firely SDK's
/// specification data (never guessed): e.g. <c>Observation.subject</c> → Device, Group, Location, Patient.
/// </summary>
internal static class FhirSearchParameters
{
    private static readonly FrozenDictionary<string, ImmutableArray<string>> Targets = ModelInfo.SearchParameters
        .Where(parameter => parameter.Resource is not null && parameter.Name is not null && parameter.Type == SearchParamType.Reference)
        .GroupBy(parameter => parameter.Resource + "." + parameter.Name, StringComparer.Ordinal)
        .ToFrozenDictionary(
            group => group.Key,
            group => group.SelectMany(parameter => parameter.Target ?? []).Select(target => target.ToString()).Distinct(StringComparer.Ordinal).ToImmutableArray(),
            StringComparer.Ordinal);

    private static readonly FrozenSet<string> Parameters = ModelInfo.SearchParameters
        .Where(parameter => parameter.Resource is not null && parameter.Name is not null)
        .Select(parameter => parameter.Resource + "." + parameter.Name)
        .ToFrozenSet(StringComparer.Ordinal);

    public static bool IsResourceType(string name) => ModelInfo.IsKnownResource(name);

    /// <summary>The types a reference parameter of <paramref name="resourceType"/> can point to; false when it is not a reference parameter.</summary>
    public static bool TryGetTargets(string resourceType, string parameter, out ImmutableArray<string> targets)
    {
        if (Targets.TryGetValue(resourceType + "." + parameter, out targets))
        {
            return true;
        }

        // Parameters defined on Resource / DomainResource apply to every type.
        return Targets.TryGetValue("Resource." + parameter, out targets) || Targets.TryGetValue("DomainResource." + parameter, out targets);
    }

    public static bool IsSearchParameter(string resourceType, string parameter) =>
        Parameters.Contains(resourceType + "." + parameter) || Parameters.Contains("Resource." + parameter) || Parameters.Contains("DomainResource." + parameter);
}
