using Microsoft.AspNetCore.WebUtilities;
using PayerTrustGateway.Sandbox;

namespace PayerTrustGateway.Tests.Sandbox;

public sealed class SampleSearchEvaluatorTests
{
    public static TheoryData<string, string, string, string?> Cases => new()
    {
        { "Observation", "", nameof(SampleSearchOutcomeKind.All), null },
        { "Observation", "patient=Patient/member-1001", nameof(SampleSearchOutcomeKind.Member), "member-1001" },
        { "Observation", "subject=member-1002", nameof(SampleSearchOutcomeKind.Member), "member-1002" },
        { "Coverage", "beneficiary=Patient/member-1003", nameof(SampleSearchOutcomeKind.Member), "member-1003" },
        { "Coverage", "patient=member-1003&beneficiary=member-1003", nameof(SampleSearchOutcomeKind.Member), "member-1003" },
        { "Observation", "_id=observation-1001", nameof(SampleSearchOutcomeKind.Resource), "observation-1001" },
        { "Patient", "_id=member-1002", nameof(SampleSearchOutcomeKind.Resource), "member-1002" },
        { "Observation", "_id=observation-1001&patient=member-1001", nameof(SampleSearchOutcomeKind.Resource), "observation-1001" },
        { "Observation", "_id=observation-1001&patient=member-1002", nameof(SampleSearchOutcomeKind.NoMatch), null },
        { "Observation", "_id=condition-1001", nameof(SampleSearchOutcomeKind.NoMatch), null },
        { "Observation", "patient=Patient/member-9999", nameof(SampleSearchOutcomeKind.NoMatch), null },
        { "Observation", "patient=Group/member-1001", nameof(SampleSearchOutcomeKind.NoMatch), null },
        { "Observation", "patient=http://elsewhere.example/fhir/Patient/member-1001", nameof(SampleSearchOutcomeKind.NoMatch), null },
        { "Observation", "patient=member-1001&subject=member-1002", nameof(SampleSearchOutcomeKind.NoMatch), null },
        { "Observation", "patient=member-1001&patient=member-1002", nameof(SampleSearchOutcomeKind.NoMatch), null },
        { "Observation", "code=4548-4", nameof(SampleSearchOutcomeKind.UnknownParameter), null },
        { "Observation", "patient=member-9999&code=4548-4", nameof(SampleSearchOutcomeKind.UnknownParameter), null },
        { "Observation", "patient:Patient=member-1001", nameof(SampleSearchOutcomeKind.UnknownParameter), null },
        { "Observation", "_count=10", nameof(SampleSearchOutcomeKind.UnknownParameter), null },
        { "Patient", "patient=member-1001", nameof(SampleSearchOutcomeKind.UnknownParameter), null },
        { "ExplanationOfBenefit", "subject=member-1001", nameof(SampleSearchOutcomeKind.UnknownParameter), null },
        { "Observation", "patient=", nameof(SampleSearchOutcomeKind.UnsupportedValue), null },
        { "Observation", "patient=member-1001,member-1002", nameof(SampleSearchOutcomeKind.UnsupportedValue), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_Query_ResolvesToExpectedOutcome(
        string resourceType, string queryString, string expectedKind, string? expectedKey)
    {
        var evaluator = new SampleSearchEvaluator(SampleFhirData.Create());
        var query = QueryHelpers.ParseQuery(queryString);

        var outcome = evaluator.Evaluate(resourceType, query);

        Assert.Equal(Enum.Parse<SampleSearchOutcomeKind>(expectedKind), outcome.Kind);
        Assert.Equal(expectedKey, outcome.Key);
    }
}
