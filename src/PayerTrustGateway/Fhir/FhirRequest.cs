using System.Collections.Immutable;

namespace PayerTrustGateway.Fhir;

/// <summary>What a FHIR request asks for, derived from method, path, query and (for POST) body.</summary>
/// <param name="Interaction">The interaction.</param>
/// <param name="ResourceType">The resource type addressed, if any.</param>
/// <param name="Id">The logical id addressed, if any.</param>
/// <param name="Operation">The operation name without '$', if an operation.</param>
/// <param name="MemberId">The Patient the request is scoped to (compartment or Patient/[id]), if any.</param>
/// <param name="MemberReferences">Patient references named by patient/subject/beneficiary parameters.</param>
/// <param name="Widening">Everything that can pull in other resources.</param>
/// <param name="Entries">For batch/transaction: each entry classified on its own.</param>
/// <param name="Problem">Why the request cannot be classified (malformed), or null.</param>
internal sealed record FhirRequest(
    FhirInteraction Interaction,
    string? ResourceType,
    string? Id,
    string? Operation,
    string? MemberId,
    ImmutableArray<string> MemberReferences,
    FhirWidening Widening,
    ImmutableArray<FhirRequest> Entries,
    string? Problem = null)
{
    /// <summary>
    /// The one member this request (or batch entry) is scoped to, or null: Patient/[id] or the compartment,
    /// and/or member parameters that all name the same plain Patient id (S9.2: a conflicting value means none).
    /// </summary>
    public string? SingleMember()
    {
        var members = MemberReferences.Distinct(StringComparer.Ordinal).ToList();
        if (MemberId is { } id)
        {
            return members.Count == 0 || (members.Count == 1 && members[0] == id) ? id : null;
        }

        return members.Count == 1 && !members[0].StartsWith('?') ? members[0] : null;
    }

    /// <summary>Every resource type this request reads or can reach: its own type and what widening parameters reach.</summary>
    public ImmutableArray<string> TouchedTypes() =>
        ResourceType is { } type ? [type, .. Widening.ReachedTypes.Where(reached => reached != type)] : Widening.ReachedTypes;

    public static FhirRequest Malformed(string problem) =>
        new(FhirInteraction.Unknown, null, null, null, null, [], FhirWidening.None, [], problem);
}

/// <summary>
/// Parameters that widen what a search returns or reaches (R4 search.html §3.1.1.5 include/revinclude,
/// §3.1.1.4.12 chaining, §3.1.1.4.13 _has, _type, _contained, _query, GraphQL).
/// </summary>
/// <param name="ReachedTypes">Every resource type the request can reach or return beyond its own type.</param>
/// <param name="Parameters">The widening parameters as sent (name=value), for evidence.</param>
/// <param name="Unbounded">A widening whose reach cannot be bounded: <c>_include=*</c>, an unknown search parameter in a chain/include, <c>_contained</c>, <c>_query</c>.</param>
internal sealed record FhirWidening(ImmutableArray<string> ReachedTypes, ImmutableArray<string> Parameters, bool Unbounded)
{
    public static readonly FhirWidening None = new([], [], false);
}
