using System.Collections.Immutable;

namespace PayerTrustGateway.Fhir;

/// <summary>
/// Classifies a FHIR R4 request from its method, path below the FHIR base, query and (for POST to the
/// base or to _search) body. Pure: no ASP.NET types, no I/O. Malformed requests come back with a
/// <see cref="FhirRequest.Problem"/> instead of an exception.
/// </summary>
internal static class FhirRequestClassifier
{
    private static readonly string[] CompartmentTypes = ["Patient", "Encounter", "RelatedPerson", "Practitioner", "Device"];

    /// <param name="method">HTTP method.</param>
    /// <param name="path">Path below the FHIR base, without leading slash (e.g. "Patient/1/$everything").</param>
    /// <param name="query">Raw query without '?' (may be empty).</param>
    /// <param name="body">Request body when the request has one that matters (Bundle, form _search), else empty.</param>
    /// <param name="formBody">The body is application/x-www-form-urlencoded.</param>
    public static FhirRequest Classify(string method, string path, string query, ReadOnlySpan<byte> body, bool formBody)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var parameters = FhirQuery.Parse(query ?? string.Empty);
        if (formBody && string.Equals(method, "POST", StringComparison.Ordinal))
        {
            parameters = parameters.AddRange(FhirQuery.Parse(System.Text.Encoding.UTF8.GetString(body)));
        }

        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 && method == "POST" && !formBody)
        {
            return ClassifyBundle(body);
        }

        return ClassifyPath(method, segments, parameters);
    }

    private static FhirRequest ClassifyPath(string method, string[] segments, ImmutableArray<KeyValuePair<string, string>> parameters)
    {
        var problem = CheckSegments(segments);
        if (problem is not null)
        {
            return FhirRequest.Malformed(problem);
        }

        var get = method is "GET" or "HEAD";
        return segments switch
        {
            [] when get => Search(FhirInteraction.SearchSystem, null, null, parameters),
            ["metadata"] when get => Simple(FhirInteraction.Capabilities, null, null, null),
            ["_search"] when method == "POST" => Search(FhirInteraction.SearchSystem, null, null, parameters),
            ["_history"] when get => Search(FhirInteraction.History, null, null, parameters),
            ["metadata" or "_search" or "_history"] => FhirRequest.Malformed("method not supported here"),
            [var op] when IsOperation(op) => Operation(null, null, op, parameters),
            [var type] => Type(method, type, parameters),
            [var type, "_search"] when method == "POST" => Search(FhirInteraction.SearchType, type, null, parameters),
            [var type, "_history"] when get => Search(FhirInteraction.History, type, null, parameters),
            [_, "_search" or "_history"] => FhirRequest.Malformed("method not supported here"),
            [var type, var op] when IsOperation(op) => Operation(type, null, op, parameters),
            [var type, var id] => Instance(method, type, id, parameters),
            [var type, var id, "_history"] when get => Search(FhirInteraction.History, type, id, parameters),
            [var type, var id, "_history", _] when get => Simple(FhirInteraction.VRead, type, id, MemberOf(type, id)),
            [_, _, "_history", ..] => FhirRequest.Malformed("method not supported here"),
            [var type, var id, var op] when IsOperation(op) => Operation(type, id, op, parameters),
            [var compartment, var id, var type] when get && CompartmentTypes.Contains(compartment, StringComparer.Ordinal) =>
                Search(FhirInteraction.SearchCompartment, type, null, parameters) with { MemberId = MemberOf(compartment, id) },
            _ => FhirRequest.Malformed("not a FHIR REST path"),
        };
    }

    private static FhirRequest Type(string method, string type, ImmutableArray<KeyValuePair<string, string>> parameters) => method switch
    {
        "GET" or "HEAD" => Search(FhirInteraction.SearchType, type, null, parameters),
        "POST" => Search(FhirInteraction.Create, type, null, parameters),
        "PUT" => Search(FhirInteraction.Update, type, null, parameters),
        "PATCH" => Search(FhirInteraction.Patch, type, null, parameters),
        "DELETE" => Search(FhirInteraction.Delete, type, null, parameters),
        _ => FhirRequest.Malformed("method not allowed on a type"),
    };

    private static FhirRequest Instance(string method, string type, string id, ImmutableArray<KeyValuePair<string, string>> parameters)
    {
        var interaction = method switch
        {
            "GET" or "HEAD" => FhirInteraction.Read,
            "PUT" => FhirInteraction.Update,
            "PATCH" => FhirInteraction.Patch,
            "DELETE" => FhirInteraction.Delete,
            _ => FhirInteraction.Unknown,
        };
        return interaction == FhirInteraction.Unknown
            ? FhirRequest.Malformed("method not allowed on an instance")
            : Search(interaction, type, id, parameters) with { MemberId = MemberOf(type, id) };
    }

    private static FhirRequest Operation(string? type, string? id, string op, ImmutableArray<KeyValuePair<string, string>> parameters)
    {
        var name = op[1..];
        var interaction = name == "graphql" ? FhirInteraction.GraphQL : FhirInteraction.Operation;
        return Search(interaction, type, id, parameters, name) with { MemberId = type is null || id is null ? null : MemberOf(type, id) };
    }

    // Member parameters scope only searches (and conditional interactions, which select by search);
    // a read, update or delete of an id is scoped by the id alone.
    private static FhirRequest Search(FhirInteraction interaction, string? type, string? id, ImmutableArray<KeyValuePair<string, string>> parameters, string? operation = null) =>
        new(interaction, type, id, operation, null,
            id is null && operation is null ? FhirQuery.MemberReferences(parameters) : [],
            FhirQuery.Widening(type, parameters, operation), []);

    private static FhirRequest Simple(FhirInteraction interaction, string? type, string? id, string? member) =>
        new(interaction, type, id, null, member, [], FhirWidening.None, []);

    private static FhirRequest ClassifyBundle(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return FhirRequest.Malformed("POST to the base needs a batch or transaction Bundle");
        }

        if (!FhirBundleReader.TryRead(body, out var bundleType, out var entries, out var problem))
        {
            return FhirRequest.Malformed(problem!);
        }

        var classified = ImmutableArray.CreateBuilder<FhirRequest>(entries.Length);
        foreach (var (method, url) in entries)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out _) || url.StartsWith('/') || url.Length == 0)
            {
                return FhirRequest.Malformed("entry request urls must be relative to the base");
            }

            var question = url.IndexOf('?', StringComparison.Ordinal);
            var entryPath = question < 0 ? url : url[..question];
            var entryQuery = question < 0 ? string.Empty : url[(question + 1)..];
            var entry = ClassifyPath(method, entryPath.Split('/', StringSplitOptions.RemoveEmptyEntries), FhirQuery.Parse(entryQuery));
            if (entry.Problem is not null || entryPath.Length == 0)
            {
                return FhirRequest.Malformed("an entry is not a FHIR REST request");
            }

            classified.Add(entry);
        }

        var interaction = bundleType == "transaction" ? FhirInteraction.Transaction : FhirInteraction.Batch;
        return new FhirRequest(interaction, null, null, null, null, [], FhirWidening.None, classified.ToImmutable());
    }

    private static bool IsOperation(string segment) => segment.Length > 1 && segment[0] == '$';

    // [type] and [type]/[id] positions must hold a known R4 resource type and a valid id; keywords
    // (metadata, _search, _history, $op) only where the REST API defines them.
    private static string? CheckSegments(string[] segments)
    {
        if (segments.Length == 0 || segments[0] is "metadata" or "_search" or "_history" || IsOperation(segments[0]))
        {
            return null;
        }

        if (!FhirSearchParameters.IsResourceType(segments[0]))
        {
            return "unknown resource type";
        }

        if (segments.Length >= 2 && segments[1] is not ("_search" or "_history") && !IsOperation(segments[1]) && !FhirId.IsValid(segments[1]))
        {
            return "not a valid resource id";
        }

        if (segments.Length >= 3 && segments[2] is not "_history" && !IsOperation(segments[2]) && !FhirSearchParameters.IsResourceType(segments[2]))
        {
            return "unknown compartment resource type";
        }

        return segments.Length == 4 && !FhirId.IsValid(segments[3]) ? "not a valid version id" : null;
    }

    private static string? MemberOf(string type, string id) => type == "Patient" ? id : null;
}
