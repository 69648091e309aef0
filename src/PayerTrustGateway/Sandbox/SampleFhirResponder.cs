using Microsoft.Extensions.Primitives;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// Maps a request (method, path, query) to one of the pre-serialized responses. Pure: no ASP.NET types, no I/O.
/// Supported: <c>GET /fhir/metadata</c>, <c>GET /fhir/{type}/{id}</c> (read) and <c>GET /fhir/{type}</c>
/// (search-type). Any other method on those paths is 405; any other path is 404.
/// </summary>
internal sealed class SampleFhirResponder
{
    private const string FhirPrefix = "/fhir/";
    private const string MetadataSegment = "metadata";

    private readonly SampleFhirResponses _responses;
    private readonly SampleSearchEvaluator _search;

    public SampleFhirResponder(SampleFhirResponses responses, SampleSearchEvaluator search)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(search);
        _responses = responses;
        _search = search;
    }

    /// <param name="method">The HTTP method; methods are case-sensitive (RFC 9110 §9.1).</param>
    /// <param name="path">The decoded request path, e.g. <c>/fhir/Patient/member-1001</c>.</param>
    /// <param name="query">The parsed query string.</param>
    public SampleFhirResponse Respond(
        string method, ReadOnlySpan<char> path, IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(query);

        var outcomes = _responses.Outcomes;
        if (!path.StartsWith(FhirPrefix, StringComparison.Ordinal))
        {
            return outcomes.UnknownPath;
        }

        var isGet = string.Equals(method, "GET", StringComparison.Ordinal);
        var rest = path[FhirPrefix.Length..];
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            return RespondTypeLevel(rest, isGet, query);
        }

        var type = rest[..slash];
        var id = rest[(slash + 1)..];
        if (id.IsEmpty || id.Contains('/'))
        {
            return outcomes.UnknownPath;
        }

        if (!_responses.TryGetType(type, out var typeResponses))
        {
            return outcomes.UnsupportedType;
        }

        if (!isGet)
        {
            return outcomes.MethodNotAllowed;
        }

        return typeResponses.TryGetRead(id, out var read) ? read : outcomes.NotFound;
    }

    private SampleFhirResponse RespondTypeLevel(
        ReadOnlySpan<char> segment, bool isGet, IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        var outcomes = _responses.Outcomes;
        if (segment.IsEmpty)
        {
            return outcomes.UnknownPath;
        }

        if (segment.SequenceEqual(MetadataSegment))
        {
            return isGet ? _responses.Metadata : outcomes.MethodNotAllowed;
        }

        if (!_responses.TryGetType(segment, out var typeResponses))
        {
            return outcomes.UnsupportedType;
        }

        if (!isGet)
        {
            return outcomes.MethodNotAllowed;
        }

        var outcome = _search.Evaluate(typeResponses.ResourceType, query);
        return typeResponses.GetSearch(outcome) ?? outcome.Kind switch
        {
            SampleSearchOutcomeKind.UnknownParameter => outcomes.UnknownParameter,
            _ => outcomes.UnsupportedValue,
        };
    }
}
