using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Hl7.Fhir.Model;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// Every response one resource type can give, serialized at start-up: each read, the unfiltered search,
/// one search per member (types in the Patient compartment), one per id, and the empty searchset.
/// </summary>
internal sealed class SampleTypeResponses
{
    private readonly FrozenDictionary<string, SampleFhirResponse>.AlternateLookup<ReadOnlySpan<char>> _reads;
    private readonly FrozenDictionary<string, SampleFhirResponse> _searchByMember;
    private readonly FrozenDictionary<string, SampleFhirResponse> _searchById;
    private readonly SampleFhirResponse _searchAll;
    private readonly SampleFhirResponse _searchNoMatch;

    private SampleTypeResponses(
        string resourceType,
        FrozenDictionary<string, SampleFhirResponse> reads,
        FrozenDictionary<string, SampleFhirResponse> searchByMember,
        FrozenDictionary<string, SampleFhirResponse> searchById,
        SampleFhirResponse searchAll,
        SampleFhirResponse searchNoMatch)
    {
        ResourceType = resourceType;
        _reads = reads.GetAlternateLookup<ReadOnlySpan<char>>();
        _searchByMember = searchByMember;
        _searchById = searchById;
        _searchAll = searchAll;
        _searchNoMatch = searchNoMatch;
    }

    public string ResourceType { get; }

    public static SampleTypeResponses Create(string resourceType, SampleFhirData data, Uri fhirBase, SampleFhirJson json)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fhirBase);
        ArgumentNullException.ThrowIfNull(json);

        var resources = data.GetResources(resourceType);
        var reads = resources.ToFrozenDictionary(
            resource => resource.Id, resource => Ok(resource.Json), StringComparer.Ordinal);

        SampleFhirResponse Search(string? query, IEnumerable<SampleResource> matches) =>
            Ok(json.Serialize(SampleBundleFactory.CreateSearchSet(
                fhirBase, resourceType, query, matches.Select(match => json.Deserialize(match.Json)))));

        var inCompartment = SampleFhirCapabilities.SearchParameters(resourceType)
            .Any(SampleFhirCapabilities.IsMemberParameter);
        var byMember = inCompartment
            ? data.MemberIds.ToFrozenDictionary(
                memberId => memberId,
                memberId => Search(
                    SampleFhirCapabilities.PatientParameter + "=" + Uri.EscapeDataString(memberId),
                    resources.Where(resource => string.Equals(resource.MemberId, memberId, StringComparison.Ordinal))),
                StringComparer.Ordinal)
            : FrozenDictionary<string, SampleFhirResponse>.Empty;
        var byId = resources.ToFrozenDictionary(
            resource => resource.Id,
            resource => Search(SampleFhirCapabilities.IdParameter + "=" + Uri.EscapeDataString(resource.Id), [resource]),
            StringComparer.Ordinal);

        return new SampleTypeResponses(
            resourceType, reads, byMember, byId, Search(string.Empty, resources), Search(null, []));
    }

    public bool TryGetRead(ReadOnlySpan<char> id, [NotNullWhen(true)] out SampleFhirResponse? response) =>
        _reads.TryGetValue(id, out response);

    /// <summary>The searchset for a matching outcome; null for the error kinds, which the caller maps.</summary>
    public SampleFhirResponse? GetSearch(SampleSearchOutcome outcome) => outcome.Kind switch
    {
        SampleSearchOutcomeKind.All => _searchAll,
        SampleSearchOutcomeKind.Member => Lookup(_searchByMember, outcome.Key),
        SampleSearchOutcomeKind.Resource => Lookup(_searchById, outcome.Key),
        SampleSearchOutcomeKind.NoMatch => _searchNoMatch,
        _ => null,
    };

    private SampleFhirResponse Lookup(FrozenDictionary<string, SampleFhirResponse> searches, string? key) =>
        key is not null && searches.TryGetValue(key, out var response) ? response : _searchNoMatch;

    private static SampleFhirResponse Ok(ReadOnlyMemory<byte> body) => new(StatusCodes.Status200OK, body);
}
