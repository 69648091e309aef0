using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.AspNetCore.WebUtilities;
using PayerTrustGateway.Sandbox;

namespace PayerTrustGateway.Tests.Sandbox;

public sealed class SampleFhirResponderTests
{
    private static readonly Uri FhirBase = new("http://127.0.0.1:8090/fhir/");

    private readonly FhirJsonDeserializer _deserializer = new();

    [Theory]
    [InlineData("GET", "/fhir/Patient/member-9999", "", 404, OperationOutcome.IssueType.NotFound)]
    [InlineData("GET", "/fhir/MedicationRequest/1", "", 404, OperationOutcome.IssueType.NotSupported)]
    [InlineData("GET", "/fhir/MedicationRequest", "", 404, OperationOutcome.IssueType.NotSupported)]
    [InlineData("GET", "/fhir/patient/member-1001", "", 404, OperationOutcome.IssueType.NotSupported)]
    [InlineData("GET", "/fhir/Patient/member-1001/_history", "", 404, OperationOutcome.IssueType.NotFound)]
    [InlineData("GET", "/fhir/Patient/", "", 404, OperationOutcome.IssueType.NotFound)]
    [InlineData("GET", "/fhir/", "", 404, OperationOutcome.IssueType.NotFound)]
    [InlineData("GET", "/fhir", "", 404, OperationOutcome.IssueType.NotFound)]
    [InlineData("GET", "/", "", 404, OperationOutcome.IssueType.NotFound)]
    [InlineData("GET", "/admin/metadata", "", 404, OperationOutcome.IssueType.NotFound)]
    [InlineData("POST", "/fhir/Observation", "", 405, OperationOutcome.IssueType.NotSupported)]
    [InlineData("PUT", "/fhir/Patient/member-1001", "", 405, OperationOutcome.IssueType.NotSupported)]
    [InlineData("DELETE", "/fhir/Patient/member-1001", "", 405, OperationOutcome.IssueType.NotSupported)]
    [InlineData("POST", "/fhir/metadata", "", 405, OperationOutcome.IssueType.NotSupported)]
    [InlineData("get", "/fhir/metadata", "", 405, OperationOutcome.IssueType.NotSupported)]
    [InlineData("GET", "/fhir/Observation", "code=4548-4", 400, OperationOutcome.IssueType.NotSupported)]
    [InlineData("GET", "/fhir/Observation", "patient=", 400, OperationOutcome.IssueType.Value)]
    public void Respond_UnservedRequest_ReturnsStatusAndOutcomeCode(
        string method, string path, string queryString, int expectedStatus, OperationOutcome.IssueType expectedCode)
    {
        var responder = CreateResponder();

        var response = responder.Respond(method, path, QueryHelpers.ParseQuery(queryString));

        Assert.Equal(expectedStatus, response.StatusCode);
        var outcome = Parse<OperationOutcome>(response);
        Assert.Equal(expectedCode, Assert.Single(outcome.Issue).Code);
        Assert.Equal(expectedStatus == 405 ? "GET" : null, response.Allow);
    }

    [Fact]
    public void Respond_ReadKnownResource_ReturnsPreSerializedResourceBytes()
    {
        var data = SampleFhirData.Create();
        var responder = CreateResponder(data);
        data.TryGetResource("Condition", "condition-1002", out var expected);

        var response = responder.Respond("GET", "/fhir/Condition/condition-1002", QueryHelpers.ParseQuery(""));

        Assert.Equal(200, response.StatusCode);
        Assert.NotNull(expected);
        Assert.True(response.Body.Span.SequenceEqual(expected.Json.Span));
    }

    [Fact]
    public void Respond_SameSearchTwice_ReturnsSameResponseInstance()
    {
        var responder = CreateResponder();

        var first = responder.Respond("GET", "/fhir/Encounter", QueryHelpers.ParseQuery("subject=Patient/member-1001"));
        var second = responder.Respond("GET", "/fhir/Encounter", QueryHelpers.ParseQuery("patient=member-1001"));

        Assert.Same(first, second);
    }

    [Fact]
    public void Respond_MemberSearch_SelfLinkIsCanonicalPatientSearch()
    {
        var responder = CreateResponder();

        var response = responder.Respond("GET", "/fhir/Condition", QueryHelpers.ParseQuery("subject=Patient/member-1003"));

        var bundle = Parse<Bundle>(response);
        Assert.Equal("http://127.0.0.1:8090/fhir/Condition?patient=member-1003", bundle.SelfLink?.OriginalString);
        Assert.Equal("http://127.0.0.1:8090/fhir/Condition/condition-1003", Assert.Single(bundle.Entry).FullUrl);
    }

    [Fact]
    public void Respond_SearchById_ReturnsSingleEntry()
    {
        var responder = CreateResponder();

        var response = responder.Respond("GET", "/fhir/Organization", QueryHelpers.ParseQuery("_id=org-provider"));

        var bundle = Parse<Bundle>(response);
        Assert.Equal(1, bundle.Total);
        Assert.Equal("org-provider", Assert.Single(bundle.Entry).Resource?.Id);
    }

    [Fact]
    public void Respond_Metadata_ReturnsCapabilityStatementWithImplementationUrl()
    {
        var responder = CreateResponder();

        var response = responder.Respond("GET", "/fhir/metadata", QueryHelpers.ParseQuery(""));

        var statement = Parse<CapabilityStatement>(response);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("http://127.0.0.1:8090/fhir", statement.Implementation?.Url);
        Assert.Equal(CapabilityStatementKind.Instance, statement.Kind);
    }

    private static SampleFhirResponder CreateResponder(SampleFhirData? data = null)
    {
        data ??= SampleFhirData.Create();
        var json = new SampleFhirJson();
        var responses = SampleFhirResponses.Create(data, FhirBase, SampleOperationOutcomes.Create(json), json);
        return new SampleFhirResponder(responses, new SampleSearchEvaluator(data));
    }

    private T Parse<T>(SampleFhirResponse response)
        where T : Resource =>
        _deserializer.Deserialize<T>(Encoding.UTF8.GetString(response.Body.Span));
}
