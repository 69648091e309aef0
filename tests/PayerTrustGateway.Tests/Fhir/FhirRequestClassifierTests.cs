using System.Text;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Tests.Fhir;

public sealed class FhirRequestClassifierTests
{
    // method, path?query, interaction, type, id, operation, member, reached types (comma), unbounded
    public static TheoryData<string, string, string, string?, string?, string?, string?, string, bool> Cases => new()
    {
        { "GET", "metadata", "Capabilities", null, null, null, null, "", false },
        { "GET", "Patient/123", "Read", "Patient", "123", null, "123", "", false },
        { "HEAD", "Patient/123", "Read", "Patient", "123", null, "123", "", false },
        { "GET", "Observation/obs-1", "Read", "Observation", "obs-1", null, null, "", false },
        { "GET", "Patient/123/_history/2", "VRead", "Patient", "123", null, "123", "", false },
        { "GET", "Patient/123/_history", "History", "Patient", "123", null, null, "", false },
        { "GET", "Observation/_history", "History", "Observation", null, null, null, "", false },
        { "GET", "_history", "History", null, null, null, null, "", false },
        { "GET", "Patient", "SearchType", "Patient", null, null, null, "", false },
        { "GET", "Patient?name=smith&birthdate=ge1970", "SearchType", "Patient", null, null, null, "", false },
        { "GET", "Observation?patient=Patient/123", "SearchType", "Observation", null, null, "ref:123", "", false },
        { "GET", "Observation?patient=123", "SearchType", "Observation", null, null, "ref:123", "", false },
        { "GET", "Observation?subject=Patient/9", "SearchType", "Observation", null, null, "ref:9", "", false },
        { "GET", "Observation?subject:Patient=9", "SearchType", "Observation", null, null, "ref:9", "", false },
        { "GET", "Coverage?beneficiary=Patient/123", "SearchType", "Coverage", null, null, "ref:123", "", false },
        { "GET", "ExplanationOfBenefit?patient=1,2", "SearchType", "ExplanationOfBenefit", null, null, "ref:1,2", "", false },
        { "GET", "Observation?code=http://loinc.org|1234-5", "SearchType", "Observation", null, null, null, "", false },
        { "POST", "Observation/_search", "SearchType", "Observation", null, null, null, "", false },
        { "GET", "", "SearchSystem", null, null, null, null, "", false },
        { "GET", "?_type=Patient,Observation", "SearchSystem", null, null, null, null, "Observation,Patient", false },
        { "POST", "_search", "SearchSystem", null, null, null, null, "", false },
        { "GET", "Patient/123/Observation", "SearchCompartment", "Observation", null, null, "123", "", false },
        { "GET", "Patient/123/ExplanationOfBenefit?created=ge2024", "SearchCompartment", "ExplanationOfBenefit", null, null, "123", "", false },
        { "GET", "Encounter/e1/Observation", "SearchCompartment", "Observation", null, null, null, "", false },
        { "POST", "Patient", "Create", "Patient", null, null, null, "", false },
        { "PUT", "Patient/123", "Update", "Patient", "123", null, "123", "", false },
        { "PUT", "Patient?identifier=x", "Update", "Patient", null, null, null, "", false },
        { "PATCH", "Patient/123", "Patch", "Patient", "123", null, "123", "", false },
        { "DELETE", "Observation/o1", "Delete", "Observation", "o1", null, null, "", false },
        { "DELETE", "Observation?patient=1", "Delete", "Observation", null, null, "ref:1", "", false },
        { "GET", "Patient/123/$everything", "Operation", "Patient", "123", "everything", "123", "", true },
        { "GET", "Patient/123/$everything?_type=Observation,Condition", "Operation", "Patient", "123", "everything", "123", "Condition,Observation", false },
        { "GET", "Patient/123/$everything-pdex", "Operation", "Patient", "123", "everything-pdex", "123", "", true },
        { "POST", "Patient/$member-match", "Operation", "Patient", null, "member-match", null, "", false },
        { "POST", "Group/$bulk-member-match", "Operation", "Group", null, "bulk-member-match", null, "", false },
        { "GET", "$export", "Operation", null, null, "export", null, "", true },
        { "GET", "$export?_type=Patient,Coverage", "Operation", null, null, "export", null, "Coverage,Patient", false },
        { "GET", "Patient/$export", "Operation", "Patient", null, "export", null, "", true },
        { "POST", "Group/g1/$davinci-data-export", "Operation", "Group", "g1", "davinci-data-export", null, "", true },
        { "POST", "$graphql", "GraphQL", null, null, "graphql", null, "", false },
        { "GET", "Patient/123/$graphql", "GraphQL", "Patient", "123", "graphql", "123", "", false },
        { "GET", "Observation?_include=Observation:subject", "SearchType", "Observation", null, null, null, "Device,Group,Location,Observation,Patient", false },
        { "GET", "Observation?_include=Observation:subject:Patient", "SearchType", "Observation", null, null, null, "Observation,Patient", false },
        { "GET", "Observation?_include:iterate=Observation:subject:Patient", "SearchType", "Observation", null, null, null, "Observation,Patient", false },
        { "GET", "Patient?_include=*", "SearchType", "Patient", null, null, null, "", true },
        { "GET", "Patient?_include=Patient:*", "SearchType", "Patient", null, null, null, "", true },
        { "GET", "Patient?_include=Patient:no-such-param", "SearchType", "Patient", null, null, null, "Patient", true },
        { "GET", "Patient?_revinclude=Provenance:target", "SearchType", "Patient", null, null, null, "Provenance", false },
        { "GET", "Patient?_revinclude:iterate=Provenance:target", "SearchType", "Patient", null, null, null, "Provenance", false },
        { "GET", "Patient?_revinclude=*", "SearchType", "Patient", null, null, null, "", true },
        { "GET", "Observation?patient.identifier=MB|123", "SearchType", "Observation", null, null, null, "Group,Patient", false },
        { "GET", "Observation?subject:Patient.identifier=MB|123", "SearchType", "Observation", null, null, null, "Patient", false },
        { "GET", "Observation?subject:Patient.organization.name=acme", "SearchType", "Observation", null, null, null, "Organization,Patient", false },
        { "GET", "Observation?nosuch.identifier=x", "SearchType", "Observation", null, null, null, "", true },
        { "GET", "?patient.identifier=x", "SearchSystem", null, null, null, null, "", true },
        { "GET", "Encounter?_has:Observation:patient:code=x", "SearchType", "Encounter", null, null, null, "Observation", false },
        { "GET", "Patient?_has:Observation:patient:_has:AuditEvent:entity:agent=x", "SearchType", "Patient", null, null, null, "AuditEvent,Observation", false },
        { "GET", "Patient?_has:NotAType:patient:code=x", "SearchType", "Patient", null, null, null, "", true },
        { "GET", "Observation?_contained=true", "SearchType", "Observation", null, null, null, "", true },
        { "GET", "Observation?_contained=false", "SearchType", "Observation", null, null, null, "", false },
        { "GET", "Patient?_query=everything-else", "SearchType", "Patient", null, null, null, "", true },
        { "GET", "Patient?_type=NotAType", "SearchType", "Patient", null, null, null, "NotAType", true },
        { "GET", "Patient?_count=50&_sort=-_lastUpdated&_elements=id", "SearchType", "Patient", null, null, null, "", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_Request_YieldsInteractionTargetAndReach(
        string method, string url, string interaction, string? type, string? id, string? operation, string? member, string reached, bool unbounded)
    {
        var (path, query) = Split(url);

        var request = FhirRequestClassifier.Classify(method, path, query, [], formBody: false);

        Assert.Null(request.Problem);
        Assert.Equal(Enum.Parse<FhirInteraction>(interaction), request.Interaction);
        Assert.Equal(type, request.ResourceType);
        Assert.Equal(id, request.Id);
        Assert.Equal(operation, request.Operation);
        if (member?.StartsWith("ref:", StringComparison.Ordinal) == true)
        {
            Assert.Equal(member[4..].Split(','), request.MemberReferences);
        }
        else
        {
            Assert.Equal(member, request.MemberId);
        }

        Assert.Equal(reached, string.Join(',', request.Widening.ReachedTypes));
        Assert.Equal(unbounded, request.Widening.Unbounded);
    }

    [Theory]
    [InlineData("ExplanationOfBenefit", "patient:missing=false", "")]
    [InlineData("ExplanationOfBenefit", "patient:not=1", "")]
    [InlineData("Observation", "subject=1", "?1")]
    [InlineData("Observation", "subject:Patient=1", "1")]
    [InlineData("Observation", "patient=https://other.example/fhir/Patient/1", "?https://other.example/fhir/Patient/1")]
    [InlineData("Coverage", "beneficiary=Patient/7", "7")]
    public void Classify_MemberParameters_OnlyPlainPatientReferencesCount(string type, string query, string expected)
    {
        var request = FhirRequestClassifier.Classify("GET", type, query, [], formBody: false);

        Assert.Equal(expected, string.Join(',', request.MemberReferences));
    }

    [Fact]
    public void Classify_ReadWithMemberParameter_IgnoresTheParameter()
    {
        var request = FhirRequestClassifier.Classify("GET", "Observation/obs-1", "patient=anything", [], formBody: false);

        Assert.Empty(request.MemberReferences);
        Assert.Null(request.MemberId);
    }

    [Fact]
    public void Classify_SearchViaFormPost_ReadsParametersFromBody()
    {
        var request = FhirRequestClassifier.Classify("POST", "Observation/_search", "", "patient=Patient/7&_revinclude=Provenance:target"u8, formBody: true);

        Assert.Equal(FhirInteraction.SearchType, request.Interaction);
        Assert.Equal(new[] { "7" }, request.MemberReferences.ToArray());
        Assert.Equal(new[] { "Provenance" }, request.Widening.ReachedTypes.ToArray());
    }

    [Fact]
    public void Classify_TransactionBundle_ClassifiesEachEntry()
    {
        var bundle = """
            {"resourceType":"Bundle","type":"transaction","entry":[
              {"request":{"method":"GET","url":"Patient/1"}},
              {"request":{"method":"POST","url":"Provenance"}},
              {"request":{"method":"GET","url":"Observation?patient=1&_include=Observation:subject:Patient"}}]}
            """;

        var request = FhirRequestClassifier.Classify("POST", "", "", Encoding.UTF8.GetBytes(bundle), formBody: false);

        Assert.Equal(FhirInteraction.Transaction, request.Interaction);
        Assert.Equal(3, request.Entries.Length);
        Assert.Equal(FhirInteraction.Read, request.Entries[0].Interaction);
        Assert.Equal("1", request.Entries[0].MemberId);
        Assert.Equal((FhirInteraction.Create, "Provenance"), (request.Entries[1].Interaction, request.Entries[1].ResourceType));
        Assert.Equal(new[] { "Observation", "Patient" }, request.Entries[2].Widening.ReachedTypes.ToArray());
    }

    [Fact]
    public void Classify_BatchBundle_IsBatch()
    {
        var request = FhirRequestClassifier.Classify("POST", "", "", """{"resourceType":"Bundle","type":"batch","entry":[]}"""u8, formBody: false);

        Assert.Equal(FhirInteraction.Batch, request.Interaction);
        Assert.Empty(request.Entries);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"resourceType":"Patient"}""")]
    [InlineData("""{"resourceType":"Bundle","type":"collection"}""")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"https://other.example/fhir/Patient/1"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"request":{"method":"GET","url":"/Patient/1"}}]}""")]
    public void Classify_MalformedBundle_ReportsProblem(string body)
    {
        var request = FhirRequestClassifier.Classify("POST", "", "", Encoding.UTF8.GetBytes(body), formBody: false);

        Assert.NotNull(request.Problem);
    }

    [Theory]
    [InlineData("GET", "Observation/_search")]
    [InlineData("GET", "_search")]
    [InlineData("POST", "metadata")]
    [InlineData("DELETE", "Patient/_history")]
    [InlineData("PUT", "Patient/1/_history")]
    [InlineData("GET", "Patient/_search")]
    [InlineData("GET", "NotAType/1")]
    [InlineData("GET", "Patient/bad_id")]
    [InlineData("GET", "Patient/1/_history/v_1")]
    [InlineData("GET", "Patient/1/2/3/4")]
    [InlineData("POST", "Patient/123")]
    [InlineData("OPTIONS", "Patient")]
    [InlineData("GET", "Patient/1/NotACompartmentThing/x")]
    public void Classify_NotFhirRest_ReportsProblem(string method, string path)
    {
        var request = FhirRequestClassifier.Classify(method, path, "", [], formBody: false);

        Assert.NotNull(request.Problem);
    }

    private static (string Path, string Query) Split(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        return question < 0 ? (url, string.Empty) : (url[..question], url[(question + 1)..]);
    }
}
