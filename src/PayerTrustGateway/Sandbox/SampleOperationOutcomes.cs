using Hl7.Fhir.Model;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The fixed error responses of the sample backend, serialized once. The texts are constant and never echo
/// the request, so a gateway test can compare them byte for byte.
/// </summary>
internal sealed class SampleOperationOutcomes
{
    private SampleOperationOutcomes(SampleFhirJson json)
    {
        NotFound = Create(json, StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
            "Resource not found.");
        UnsupportedType = Create(json, StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported,
            "Resource type not supported by this server.");
        UnknownPath = Create(json, StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
            "No FHIR endpoint at this path.");
        UnknownParameter = Create(json, StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
            "Search parameter not supported for this resource type; see /fhir/metadata.");
        UnsupportedValue = Create(json, StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value,
            "Each search parameter takes exactly one non-empty value.");
        MethodNotAllowed = Create(json, StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported,
            "Only GET is supported.") with { Allow = "GET" };
        NotReady = Create(json, StatusCodes.Status503ServiceUnavailable, OperationOutcome.IssueType.Transient,
            "The sample backend is starting.");
    }

    /// <summary>404 not-found: the type is supported but no resource has that id.</summary>
    public SampleFhirResponse NotFound { get; }

    /// <summary>404 not-supported: the resource type is not served.</summary>
    public SampleFhirResponse UnsupportedType { get; }

    /// <summary>404 not-found: the path is not a FHIR interaction this server knows.</summary>
    public SampleFhirResponse UnknownPath { get; }

    /// <summary>400 not-supported: a search parameter the type does not support.</summary>
    public SampleFhirResponse UnknownParameter { get; }

    /// <summary>400 value: an empty or multi-valued search parameter.</summary>
    public SampleFhirResponse UnsupportedValue { get; }

    /// <summary>405 not-supported with <c>Allow: GET</c>.</summary>
    public SampleFhirResponse MethodNotAllowed { get; }

    /// <summary>503 transient: a request arrived after the port was bound but before the content was ready.</summary>
    public SampleFhirResponse NotReady { get; }

    public static SampleOperationOutcomes Create(SampleFhirJson json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new SampleOperationOutcomes(json);
    }

    private static SampleFhirResponse Create(
        SampleFhirJson json, int statusCode, OperationOutcome.IssueType code, string text)
    {
        var outcome = new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = code,
                    Details = new CodeableConcept { Text = text },
                },
            ],
        };
        return new SampleFhirResponse(statusCode, json.Serialize(outcome));
    }
}
