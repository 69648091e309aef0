using System.Collections.Frozen;

namespace PayerTrustGateway.Fhir;

/// <summary>The configuration and evidence names of <see cref="FhirInteraction"/> (kebab case, as in R4 CapabilityStatement codes).</summary>
internal static class FhirInteractionNames
{
    private static readonly FrozenDictionary<string, FhirInteraction> ByName = new Dictionary<string, FhirInteraction>(StringComparer.Ordinal)
    {
        ["capabilities"] = FhirInteraction.Capabilities,
        ["read"] = FhirInteraction.Read,
        ["vread"] = FhirInteraction.VRead,
        ["search-type"] = FhirInteraction.SearchType,
        ["search-system"] = FhirInteraction.SearchSystem,
        ["search-compartment"] = FhirInteraction.SearchCompartment,
        ["history"] = FhirInteraction.History,
        ["create"] = FhirInteraction.Create,
        ["update"] = FhirInteraction.Update,
        ["patch"] = FhirInteraction.Patch,
        ["delete"] = FhirInteraction.Delete,
        ["batch"] = FhirInteraction.Batch,
        ["transaction"] = FhirInteraction.Transaction,
        ["operation"] = FhirInteraction.Operation,
        ["graphql"] = FhirInteraction.GraphQL,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<FhirInteraction, string> ByValue = ByName.ToFrozenDictionary(pair => pair.Value, pair => pair.Key);

    private static readonly FrozenDictionary<FhirInteraction, string> Evidence = ByName.ToFrozenDictionary(pair => pair.Value, pair => "interaction=" + pair.Key);

    /// <summary>"interaction=name", without allocating per request.</summary>
    public static string EvidenceOf(FhirInteraction interaction) => Evidence.TryGetValue(interaction, out var text) ? text : "interaction=unknown";

    public static bool TryParse(string name, out FhirInteraction interaction) => ByName.TryGetValue(name, out interaction);

    public static string Name(FhirInteraction interaction) => ByValue.TryGetValue(interaction, out var name) ? name : "unknown";

    public static IEnumerable<string> All => ByName.Keys;
}
