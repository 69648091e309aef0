using Microsoft.Extensions.Primitives;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// Resolves a type-level search against the sample data. Parameters combine with AND (FHIR R4 search §3.1.1.3);
/// each takes one value. Member parameters accept <c>Patient/{id}</c> or a bare id. Every parameter is checked
/// before the result is decided, so an unknown parameter is reported even when another one already matches nothing.
/// </summary>
internal sealed class SampleSearchEvaluator
{
    private const string PatientPrefix = "Patient/";

    private readonly SampleFhirData _data;

    public SampleSearchEvaluator(SampleFhirData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _data = data;
    }

    public SampleSearchOutcome Evaluate(string resourceType, IEnumerable<KeyValuePair<string, StringValues>> query)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(query);

        string? memberId = null;
        SampleResource? resource = null;
        var noMatch = false;
        foreach (var (name, values) in query)
        {
            if (!SampleFhirCapabilities.IsSearchParameter(resourceType, name))
            {
                return new(SampleSearchOutcomeKind.UnknownParameter);
            }

            if (values.Count == 0)
            {
                return new(SampleSearchOutcomeKind.UnsupportedValue);
            }

            foreach (var value in values)
            {
                if (string.IsNullOrEmpty(value) || value.Contains(',', StringComparison.Ordinal))
                {
                    return new(SampleSearchOutcomeKind.UnsupportedValue);
                }

                var matched = SampleFhirCapabilities.IsMemberParameter(name)
                    ? NarrowMember(value, ref memberId)
                    : NarrowResource(resourceType, value, ref resource);
                noMatch |= !matched;
            }
        }

        return Decide(memberId, resource, noMatch);
    }

    private static SampleSearchOutcome Decide(string? memberId, SampleResource? resource, bool noMatch)
    {
        if (noMatch)
        {
            return new(SampleSearchOutcomeKind.NoMatch);
        }

        if (resource is not null)
        {
            return memberId is null || string.Equals(resource.MemberId, memberId, StringComparison.Ordinal)
                ? new(SampleSearchOutcomeKind.Resource, resource.Id)
                : new(SampleSearchOutcomeKind.NoMatch);
        }

        return memberId is null
            ? new(SampleSearchOutcomeKind.All)
            : new(SampleSearchOutcomeKind.Member, memberId);
    }

    // Returns false when the value cannot match: another type's reference, an unknown member,
    // or a second member different from the first (AND of two members is empty).
    private bool NarrowMember(string value, ref string? memberId)
    {
        var candidate = value.AsSpan();
        if (candidate.StartsWith(PatientPrefix, StringComparison.Ordinal))
        {
            candidate = candidate[PatientPrefix.Length..];
        }

        if (candidate.Contains('/') || !_data.TryGetMemberId(candidate, out var found))
        {
            return false;
        }

        if (memberId is not null && !string.Equals(memberId, found, StringComparison.Ordinal))
        {
            return false;
        }

        memberId = found;
        return true;
    }

    private bool NarrowResource(string resourceType, string id, ref SampleResource? resource)
    {
        if (!_data.TryGetResource(resourceType, id, out var found))
        {
            return false;
        }

        if (resource is not null && !ReferenceEquals(resource, found))
        {
            return false;
        }

        resource = found;
        return true;
    }
}
