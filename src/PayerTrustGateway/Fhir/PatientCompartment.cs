using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Text.Json;
using Hl7.Fhir.Model;

namespace PayerTrustGateway.Fhir;

/// <summary>
/// The R4 Patient compartment (S9.1): for each resource type, the element paths whose Patient references
/// put a resource in a Patient's compartment. The inclusion parameters come from the R4
/// CompartmentDefinition/patient (embedded <c>patient-compartment.r4.json</c>, which cites its source); each
/// parameter's element path comes from the Firely SDK's R4 search parameter definitions, so nothing is guessed.
/// </summary>
internal sealed class PatientCompartment
{
    private readonly FrozenDictionary<string, ImmutableArray<ImmutableArray<string>>> _paths;

    private PatientCompartment(FrozenDictionary<string, ImmutableArray<ImmutableArray<string>>> paths) => _paths = paths;

    /// <summary>The R4 table, built once.</summary>
    public static PatientCompartment R4 { get; } = Load();

    /// <summary>Resource types that can be in a Patient compartment.</summary>
    public IEnumerable<string> ResourceTypes => _paths.Keys;

    public bool Contains(string resourceType) => _paths.ContainsKey(resourceType);

    /// <summary>Element paths below the resource (e.g. <c>["payee", "party"]</c>) that hold compartment references.</summary>
    public ImmutableArray<ImmutableArray<string>> PathsOf(string resourceType) =>
        _paths.TryGetValue(resourceType, out var paths) ? paths : [];

    private static PatientCompartment Load()
    {
        using var stream = typeof(PatientCompartment).Assembly.GetManifestResourceStream("PayerTrustGateway.Fhir.patient-compartment.r4.json")
            ?? throw new InvalidOperationException("The embedded R4 Patient compartment table is missing.");
        using var document = JsonDocument.Parse(stream);
        var paths = new Dictionary<string, ImmutableArray<ImmutableArray<string>>>(StringComparer.Ordinal);
        foreach (var resource in document.RootElement.GetProperty("resources").EnumerateObject())
        {
            var builder = ImmutableArray.CreateBuilder<ImmutableArray<string>>();
            foreach (var parameter in resource.Value.EnumerateArray().Select(p => p.GetString()!))
            {
                var definition = ModelInfo.SearchParameters.FirstOrDefault(d => d.Resource == resource.Name && d.Name == parameter)
                    ?? throw new InvalidOperationException($"No R4 search parameter {resource.Name}.{parameter}.");
                foreach (var path in definition.Path ?? [])
                {
                    // "ExplanationOfBenefit.payee.party" → ["payee", "party"]
                    builder.Add([.. path.Split('.').Skip(1)]);
                }
            }

            paths[resource.Name] = builder.ToImmutable();
        }

        return new PatientCompartment(paths.ToFrozenDictionary(StringComparer.Ordinal));
    }
}
