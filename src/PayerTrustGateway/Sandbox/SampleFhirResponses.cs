using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// All responses of one running backend. Built once the listening address is known, because searchset
/// fullUrls and the CapabilityStatement carry the absolute base; nothing is serialized per request.
/// </summary>
internal sealed class SampleFhirResponses
{
    private readonly FrozenDictionary<string, SampleTypeResponses>.AlternateLookup<ReadOnlySpan<char>> _types;

    private SampleFhirResponses(
        SampleFhirResponse metadata,
        SampleOperationOutcomes outcomes,
        FrozenDictionary<string, SampleTypeResponses> types)
    {
        Metadata = metadata;
        Outcomes = outcomes;
        _types = types.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public SampleFhirResponse Metadata { get; }

    public SampleOperationOutcomes Outcomes { get; }

    /// <param name="data">The sample content.</param>
    /// <param name="fhirBase">The FHIR base ending in <c>/</c>, e.g. <c>http://127.0.0.1:8090/fhir/</c>.</param>
    /// <param name="outcomes">The fixed error responses.</param>
    /// <param name="json">The serializer used for bundles and the CapabilityStatement.</param>
    public static SampleFhirResponses Create(
        SampleFhirData data, Uri fhirBase, SampleOperationOutcomes outcomes, SampleFhirJson json)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fhirBase);
        ArgumentNullException.ThrowIfNull(outcomes);
        ArgumentNullException.ThrowIfNull(json);

        var metadata = new SampleFhirResponse(
            StatusCodes.Status200OK, json.Serialize(SampleCapabilityStatementFactory.Create(fhirBase)));
        var types = SampleFhirCapabilities.ResourceTypes.ToFrozenDictionary(
            resourceType => resourceType,
            resourceType => SampleTypeResponses.Create(resourceType, data, fhirBase, json),
            StringComparer.Ordinal);
        return new SampleFhirResponses(metadata, outcomes, types);
    }

    /// <summary>Looks up a type by a path segment without allocating; FHIR type names are case-sensitive.</summary>
    public bool TryGetType(ReadOnlySpan<char> resourceType, [NotNullWhen(true)] out SampleTypeResponses? responses) =>
        _types.TryGetValue(resourceType, out responses);
}
