using System.Net;
using System.Net.Sockets;
using Hl7.Fhir.Model;
using PayerTrustGateway.Sandbox;
// Hl7.Fhir.Model has a FHIR Task resource; async methods mean the TPL one.
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.Sandbox;

public sealed class SampleFhirBackendTests : IClassFixture<SampleFhirBackendFixture>
{
    private const string FhirJson = "application/fhir+json";

    private readonly SampleFhirBackendFixture _fixture;

    public SampleFhirBackendTests(SampleFhirBackendFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public void StartAsync_PortZero_ListensOnEphemeralLoopbackPort()
    {
        var baseAddress = _fixture.Backend.BaseAddress;

        Assert.Equal("http", baseAddress.Scheme);
        Assert.Equal("127.0.0.1", baseAddress.Host);
        Assert.NotEqual(0, baseAddress.Port);
        Assert.Equal("/", baseAddress.AbsolutePath);
    }

    [Fact]
    public async Task StartAsync_NonLoopbackAddress_ThrowsArgumentException()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(
            () => SampleFhirBackend.StartAsync(IPAddress.Any, 0, CancellationToken.None));

        Assert.Equal("address", exception.ParamName);
    }

    [Fact]
    public async Task Read_KnownPatient_ReturnsPatientWithMemberIdentifier()
    {
        using var response = await _fixture.Client.GetAsync("Patient/member-1001", CancellationToken.None);
        var patient = await _fixture.ReadResourceAsync<Patient>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("member-1001", patient.Id);
        Assert.Equal("Quinn", patient.Name[0].Family);
        Assert.Equal("1984-02-17", patient.BirthDate);
        Assert.Equal(AdministrativeGender.Female, patient.Gender);
        var identifier = Assert.Single(patient.Identifier);
        Assert.Equal(SampleResourceFactory.MemberIdSystem, identifier.System);
        Assert.Equal("member-1001", identifier.Value);
        Assert.Equal("MB", identifier.Type?.Coding[0].Code);
    }

    [Fact]
    public async Task Read_UnknownId_Returns404WithNotFoundOutcome()
    {
        using var response = await _fixture.Client.GetAsync("Patient/member-9999", CancellationToken.None);
        var outcome = await _fixture.ReadResourceAsync<OperationOutcome>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(FhirJson, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(OperationOutcome.IssueType.NotFound, Assert.Single(outcome.Issue).Code);
    }

    [Fact]
    public async Task Search_UnsupportedType_Returns404WithNotSupportedOutcome()
    {
        using var response = await _fixture.Client.GetAsync("MedicationRequest", CancellationToken.None);
        var outcome = await _fixture.ReadResourceAsync<OperationOutcome>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Assert.Single(outcome.Issue).Code);
    }

    [Theory]
    [InlineData("Observation?patient=Patient/member-1002")]
    [InlineData("Observation?patient=member-1002")]
    [InlineData("Observation?subject=Patient/member-1002")]
    public async Task Search_ObservationByPatient_ReturnsThatMembersObservation(string relativeUri)
    {
        using var response = await _fixture.Client.GetAsync(relativeUri, CancellationToken.None);
        var bundle = await _fixture.ReadResourceAsync<Bundle>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        Assert.Equal(1, bundle.Total);
        var entry = Assert.Single(bundle.Entry);
        var expectedFullUrl = new Uri(_fixture.Backend.BaseAddress, "fhir/Observation/observation-1002");
        Assert.Equal(expectedFullUrl.AbsoluteUri, entry.FullUrl);
        var observation = Assert.IsType<Observation>(entry.Resource);
        Assert.Equal("Patient/member-1002", observation.Subject?.Reference);
        Assert.Equal("http://loinc.org", observation.Code.Coding[0].System);
        Assert.Equal("4548-4", observation.Code.Coding[0].Code);
        Assert.Equal(5.6m, Assert.IsType<Quantity>(observation.Value).Value);
    }

    [Fact]
    public async Task Search_CoverageByBeneficiary_ReturnsActiveCoverageWithPayor()
    {
        using var response = await _fixture.Client.GetAsync(
            "Coverage?beneficiary=Patient/member-1003", CancellationToken.None);
        var bundle = await _fixture.ReadResourceAsync<Bundle>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var coverage = Assert.IsType<Coverage>(Assert.Single(bundle.Entry).Resource);
        Assert.Equal(FinancialResourceStatusCodes.Active, coverage.Status);
        Assert.Equal("Patient/member-1003", coverage.Beneficiary.Reference);
        Assert.Equal("Organization/org-payer", Assert.Single(coverage.Payor).Reference);
    }

    [Fact]
    public async Task Search_NoParameters_ReturnsEveryResourceOfType()
    {
        using var response = await _fixture.Client.GetAsync("ExplanationOfBenefit", CancellationToken.None);
        var bundle = await _fixture.ReadResourceAsync<Bundle>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, bundle.Total);
        Assert.Equal(
            ["eob-1001", "eob-1002", "eob-1003"],
            bundle.Entry.Select(entry => entry.Resource?.Id));
        Assert.All(bundle.Entry, entry => Assert.Equal(
            "Organization/org-payer", Assert.IsType<ExplanationOfBenefit>(entry.Resource).Insurer.Reference));
    }

    [Fact]
    public async Task Search_UnknownMember_ReturnsEmptySearchset()
    {
        using var response = await _fixture.Client.GetAsync("Condition?patient=member-9999", CancellationToken.None);
        var bundle = await _fixture.ReadResourceAsync<Bundle>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, bundle.Total);
        Assert.Empty(bundle.Entry);
    }

    [Fact]
    public async Task Search_UnknownParameter_Returns400WithNotSupportedOutcome()
    {
        using var response = await _fixture.Client.GetAsync("Observation?code=4548-4", CancellationToken.None);
        var outcome = await _fixture.ReadResourceAsync<OperationOutcome>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Assert.Single(outcome.Issue).Code);
    }

    [Fact]
    public async Task Metadata_Get_ReturnsCapabilityStatementListingTypesAndSearches()
    {
        using var response = await _fixture.Client.GetAsync("metadata", CancellationToken.None);
        var statement = await _fixture.ReadResourceAsync<CapabilityStatement>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FHIRVersion.N4_0_1, statement.FhirVersion);
        var rest = Assert.Single(statement.Rest);
        Assert.Equal(
            ["Patient", "Coverage", "ExplanationOfBenefit", "Encounter", "Condition", "Observation", "Organization"],
            rest.Resource.Select(resource => resource.Type));
        var observation = rest.Resource.Single(resource => resource.Type == "Observation");
        Assert.Equal(["_id", "patient", "subject"], observation.SearchParam.Select(parameter => parameter.Name));
    }

    [Fact]
    public async Task Post_SearchEndpoint_Returns405WithAllowGet()
    {
        using var content = new StringContent("{}");
        using var response = await _fixture.Client.PostAsync("Observation", content, CancellationToken.None);
        var outcome = await _fixture.ReadResourceAsync<OperationOutcome>(response, CancellationToken.None);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET"], response.Content.Headers.Allow);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, Assert.Single(outcome.Issue).Code);
    }

    [Theory]
    [InlineData("metadata")]
    [InlineData("Observation")]
    [InlineData("Patient/member-1001")]
    [InlineData("Patient/member-9999")]
    public async Task Get_AnyEndpoint_SendsExplicitContentLengthWithoutChunking(string relativeUri)
    {
        using var response = await _fixture.Client.GetAsync(relativeUri, CancellationToken.None);
        var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);

        Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
    }

    [Fact]
    public async Task DisposeAsync_RunningBackend_StopsListening()
    {
        var backend = await SampleFhirBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None);
        var metadata = new Uri(backend.BaseAddress, "fhir/metadata");

        await backend.DisposeAsync();

        var exception = await Assert.ThrowsAsync<HttpRequestException>(
            () => _fixture.Client.GetAsync(metadata, CancellationToken.None));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(exception.InnerException).SocketErrorCode);
    }
}
