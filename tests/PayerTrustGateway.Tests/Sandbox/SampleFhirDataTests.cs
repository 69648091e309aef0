using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using PayerTrustGateway.Sandbox;

namespace PayerTrustGateway.Tests.Sandbox;

public sealed class SampleFhirDataTests
{
    [Fact]
    public void Create_Always_HasThreeMembers()
    {
        var data = SampleFhirData.Create();

        Assert.Equal(["member-1001", "member-1002", "member-1003"], data.MemberIds);
    }

    [Fact]
    public void Create_CalledTwice_SerializesIdenticalBytes()
    {
        var first = SampleFhirData.Create();
        var second = SampleFhirData.Create();

        Assert.Equal(first.Resources.Length, second.Resources.Length);
        Assert.All(
            first.Resources.Zip(second.Resources),
            pair => Assert.True(pair.First.Json.Span.SequenceEqual(pair.Second.Json.Span), pair.First.Reference));
    }

    [Theory]
    [InlineData("Patient")]
    [InlineData("Coverage")]
    [InlineData("ExplanationOfBenefit")]
    [InlineData("Encounter")]
    [InlineData("Condition")]
    [InlineData("Observation")]
    public void GetResources_MemberCompartmentType_HasOneResourcePerMemberInMemberOrder(string resourceType)
    {
        var data = SampleFhirData.Create();

        var resources = data.GetResources(resourceType);

        Assert.Equal(data.MemberIds, resources.Select(resource => resource.MemberId));
    }

    [Fact]
    public void GetResources_Organization_ReturnsPayerAndProviderOutsideAnyCompartment()
    {
        var data = SampleFhirData.Create();

        var organizations = data.GetResources("Organization");

        Assert.Equal(["org-payer", "org-provider"], organizations.Select(resource => resource.Id));
        Assert.All(organizations, organization => Assert.Null(organization.MemberId));
    }

    [Fact]
    public void Resources_EveryResource_ParsesBackWithFirelyAsItsTypeAndId()
    {
        var data = SampleFhirData.Create();
        var deserializer = new FhirJsonDeserializer();

        var parsed = data.Resources
            .Select(resource => deserializer.DeserializeResource(System.Text.Encoding.UTF8.GetString(resource.Json.Span)))
            .ToList();

        Assert.Equal(20, parsed.Count);
        Assert.Equal(
            data.Resources.Select(resource => resource.Reference),
            parsed.Select(resource => resource.TypeName + "/" + resource.Id));
    }

    [Fact]
    public void TryGetResource_KnownEncounter_ReturnsItInMembersCompartment()
    {
        var data = SampleFhirData.Create();

        var found = data.TryGetResource("Encounter", "encounter-1003", out var resource);

        Assert.True(found);
        Assert.Equal("member-1003", resource?.MemberId);
    }

    [Theory]
    [InlineData("Encounter", "encounter-9999")]
    [InlineData("Encounter", "observation-1001")]
    [InlineData("MedicationRequest", "encounter-1001")]
    public void TryGetResource_UnknownTypeOrId_ReturnsFalse(string resourceType, string id)
    {
        var data = SampleFhirData.Create();

        var found = data.TryGetResource(resourceType, id, out var resource);

        Assert.False(found);
        Assert.Null(resource);
    }

    [Theory]
    [InlineData("member-1002", true)]
    [InlineData("MEMBER-1002", false)]
    [InlineData("member-10021", false)]
    [InlineData("", false)]
    public void TryGetMemberId_Candidate_MatchesOrdinally(string candidate, bool expected)
    {
        var data = SampleFhirData.Create();

        var found = data.TryGetMemberId(candidate, out var memberId);

        Assert.Equal(expected, found);
        Assert.Equal(expected ? candidate : null, memberId);
    }

    [Fact]
    public void Resources_Observation_CarriesLoincCodeAndQuantity()
    {
        var data = SampleFhirData.Create();
        var json = data.GetResources("Observation")[0].Json;

        var observation = new FhirJsonDeserializer().Deserialize<Observation>(
            System.Text.Encoding.UTF8.GetString(json.Span));

        Assert.Equal("4548-4", observation.Code.Coding[0].Code);
        Assert.Equal(7.9m, Assert.IsType<Quantity>(observation.Value).Value);
        Assert.Equal("Encounter/encounter-1001", observation.Encounter?.Reference);
    }
}
