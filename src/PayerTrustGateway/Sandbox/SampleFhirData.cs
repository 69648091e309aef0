using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Hl7.Fhir.Model;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The deterministic sample content: three members, each with Patient, Coverage, ExplanationOfBenefit,
/// Encounter, Condition and Observation, plus the payer and provider Organizations they reference.
/// Built once with the Firely models, serialized once; immutable afterwards.
/// </summary>
internal sealed class SampleFhirData
{
    private static readonly ImmutableArray<SampleMember> Members =
    [
        new("1001", "Quinn", "Avery", "1984-02-17", AdministrativeGender.Female, "44054006", "Diabetes mellitus type 2", 7.9m),
        new("1002", "Patel", "Jordan", "1971-09-03", AdministrativeGender.Male, "38341003", "Hypertensive disorder", 5.6m),
        new("1003", "Chen", "Riley", "2009-06-28", AdministrativeGender.Other, "195967001", "Asthma", 5.1m),
    ];

    private readonly FrozenDictionary<string, ImmutableArray<SampleResource>> _resourcesByType;
    private readonly FrozenDictionary<string, FrozenDictionary<string, SampleResource>> _resourcesByTypeAndId;
    private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _memberIdLookup;

    private SampleFhirData(ImmutableArray<string> memberIds, ImmutableArray<SampleResource> resources)
    {
        MemberIds = memberIds;
        Resources = resources;
        _memberIdLookup = memberIds.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _resourcesByType = resources
            .GroupBy(resource => resource.ResourceType, StringComparer.Ordinal)
            .ToFrozenDictionary(group => group.Key, group => group.ToImmutableArray(), StringComparer.Ordinal);
        _resourcesByTypeAndId = _resourcesByType.ToFrozenDictionary(
            pair => pair.Key,
            pair => pair.Value.ToFrozenDictionary(resource => resource.Id, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    /// <summary>The member ids, which are also the Patient logical ids: member-1001, member-1002, member-1003.</summary>
    public IReadOnlyList<string> MemberIds { get; }

    /// <summary>Every sample resource, grouped by type in <see cref="SampleFhirCapabilities.ResourceTypes"/> order.</summary>
    public ImmutableArray<SampleResource> Resources { get; }

    public static SampleFhirData Create()
    {
        var json = new SampleFhirJson();
        var resources = new List<SampleResource>();

        void Add(Resource resource, string? memberId) => resources.Add(new SampleResource(
            resource.TypeName,
            resource.Id ?? throw new InvalidOperationException("Every sample resource has a logical id."),
            memberId,
            json.Serialize(resource)));

        foreach (var member in Members)
        {
            Add(SampleResourceFactory.CreatePatient(member), member.Id);
            Add(SampleResourceFactory.CreateCoverage(member), member.Id);
            Add(SampleResourceFactory.CreateExplanationOfBenefit(member), member.Id);
            Add(SampleResourceFactory.CreateEncounter(member), member.Id);
            Add(SampleResourceFactory.CreateCondition(member), member.Id);
            Add(SampleResourceFactory.CreateObservation(member), member.Id);
        }

        Add(SampleResourceFactory.CreateOrganization(
            SampleResourceFactory.PayerOrganizationId, "Sandbox Health Plan", "pay"), null);
        Add(SampleResourceFactory.CreateOrganization(
            SampleResourceFactory.ProviderOrganizationId, "Sandbox Family Clinic", "prov"), null);

        // Stable grouping by type; within a type, member order is kept.
        var ordered = resources
            .OrderBy(resource => SampleFhirCapabilities.ResourceTypes.IndexOf(resource.ResourceType))
            .ToImmutableArray();
        return new SampleFhirData([.. Members.Select(member => member.Id)], ordered);
    }

    /// <summary>The resources of one type, in member order; empty for an unsupported type.</summary>
    public ImmutableArray<SampleResource> GetResources(string resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        return _resourcesByType.TryGetValue(resourceType, out var resources) ? resources : [];
    }

    public bool TryGetResource(string resourceType, string id, [NotNullWhen(true)] out SampleResource? resource)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        ArgumentNullException.ThrowIfNull(id);
        resource = null;
        return _resourcesByTypeAndId.TryGetValue(resourceType, out var byId) && byId.TryGetValue(id, out resource);
    }

    /// <summary>Finds a member id without allocating; returns the canonical instance.</summary>
    public bool TryGetMemberId(ReadOnlySpan<char> candidate, [NotNullWhen(true)] out string? memberId) =>
        _memberIdLookup.TryGetValue(candidate, out memberId);
}
