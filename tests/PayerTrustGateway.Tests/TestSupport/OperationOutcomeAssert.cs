using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>Asserts a response body is a FHIR OperationOutcome with the expected issue and reason code.</summary>
public static class OperationOutcomeAssert
{
    private static readonly FhirJsonDeserializer Parser = new();

    public static void HasIssue(string body, OperationOutcome.IssueType expectedType, string expectedReasonCode)
    {
        var outcome = Parser.Deserialize<OperationOutcome>(body);
        var issue = Assert.Single(outcome.Issue);
        Assert.Equal(OperationOutcome.IssueSeverity.Error, issue.Severity);
        Assert.Equal(expectedType, issue.Code);
        var coding = Assert.Single(Assert.IsType<CodeableConcept>(issue.Details).Coding);
        Assert.Equal(OperationOutcomeFactory.ReasonCodeSystem, coding.System);
        Assert.Equal(expectedReasonCode, coding.Code);
        Assert.False(string.IsNullOrWhiteSpace(issue.Details!.Text));
    }

    /// <summary>No stack trace, exception text or internal address in a response.</summary>
    public static void LeaksNothing(string body)
    {
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN CERTIFICATE", body, StringComparison.Ordinal);
    }
}
