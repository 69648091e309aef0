using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace PayerTrustGateway.Fhir;

/// <summary>Builds the FHIR R4 OperationOutcome bodies the gateway answers with (R4 S9.9).</summary>
internal static class OperationOutcomeFactory
{
    /// <summary>Code system of the gateway's machine-readable reason codes.</summary>
    public const string ReasonCodeSystem = "urn:payer-trust-gateway:deny-reason";

    public const string MediaType = "application/fhir+json";

    /// <summary>An error-severity OperationOutcome with one issue, serialized as FHIR JSON (UTF-8).</summary>
    public static byte[] CreateErrorJson(OperationOutcome.IssueType issueType, string reasonCode, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(reasonCode);
        ArgumentException.ThrowIfNullOrEmpty(text);

        var outcome = new OperationOutcome
        {
            Issue =
            [
                new OperationOutcome.IssueComponent
                {
                    Severity = OperationOutcome.IssueSeverity.Error,
                    Code = issueType,
                    Details = new CodeableConcept(ReasonCodeSystem, reasonCode, text) { Text = text },
                },
            ],
        };
        return System.Text.Encoding.UTF8.GetBytes(outcome.ToJson());
    }

    /// <summary>An OperationOutcome with one error issue per problem (diagnostics), e.g. every validation failure of a submitted resource.</summary>
    public static byte[] CreateProblemsJson(OperationOutcome.IssueType issueType, IEnumerable<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var outcome = new OperationOutcome
        {
            Issue = [.. problems.Select(problem => new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = issueType, Diagnostics = problem })],
        };
        return System.Text.Encoding.UTF8.GetBytes(outcome.ToJson());
    }
}
