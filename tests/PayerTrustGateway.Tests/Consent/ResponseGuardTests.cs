using System.Text;
using System.Text.Json;
using PayerTrustGateway.Consent;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Tests.Consent;

public sealed class ResponseGuardTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsentRules Rules = ConsentRules.From(new ConsentOptions { Sensitive = new() { Codes = ["http://snomed.info/sct|66214007"] } });
    private static readonly ConsentRecord Consent = ConsentEvaluatorTests.Record("plan-a", Now.AddDays(-1), Now.AddDays(1), ConsentStatus.Active);

    [Theory]
    [InlineData("{\"resourceType\":\"ExplanationOfBenefit\",\"patient\":{\"reference\":\"Patient/m1\"},\"payee\":{\"party\":{\"reference\":\"Organization/o\"}}}", null)]
    [InlineData("{\"resourceType\":\"ExplanationOfBenefit\",\"patient\":{\"reference\":\"Patient/m1\"},\"payee\":{\"party\":{\"reference\":\"Patient/m2\"}}}", "guard:other-member:ExplanationOfBenefit")]
    [InlineData("{\"resourceType\":\"Coverage\",\"beneficiary\":{\"reference\":\"Patient/m1/_history/3\"}}", null)]
    [InlineData("{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"Group/g\"}}", "guard:outside-compartment:Observation")]
    [InlineData("{\"resourceType\":\"Observation\",\"subject\":{\"reference\":\"https://elsewhere.example/fhir/Patient/m1\"}}", "guard:outside-compartment:Observation")]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"m1\"}", null)]
    [InlineData("{\"resourceType\":\"Patient\",\"id\":\"m2\"}", "guard:other-member:Patient")]
    [InlineData("{\"resourceType\":\"Organization\",\"id\":\"o\"}", null)]
    [InlineData("{\"resourceType\":\"Binary\",\"id\":\"b\"}", "guard:not-member-data:Binary")]
    [InlineData("{\"resourceType\":\"Condition\",\"subject\":{\"reference\":\"Patient/m1\"},\"code\":{\"coding\":[{\"system\":\"http://snomed.info/sct\",\"code\":\"66214007\"}]}}", "guard:sensitive:Condition")]
    [InlineData("{\"id\":\"x\"}", "guard:not-a-resource")]
    public void Check_PlacesEachResource(string resource, string? expected)
    {
        using var document = JsonDocument.Parse(resource);

        var rule = ResponseGuardEvaluator.Check(FhirResourceFacts.Read(document.RootElement, PatientCompartment.R4), "m1", Consent, Rules, PatientCompartment.R4);

        Assert.Equal(expected, rule);
    }

    [Fact]
    public void Scan_Redact_CutsOffendingEntriesOutOfTheOriginalBytes()
    {
        var body = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":2,\"entry\":[ {\"resource\":{\"resourceType\":\"Patient\",\"id\":\"m2\"}} , {\"fullUrl\":\"x\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"m1\"}}],\"link\":[]}");

        var scan = ResponseGuardScanner.Scan(body, Check, redact: true);

        Assert.Equal([(0, "guard:other-member:Patient")], scan.Violations.ToArray());
        var redacted = Encoding.UTF8.GetString(scan.Body!.Value.Span);
        Assert.StartsWith("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":2,\"entry\":[{\"fullUrl\":\"x\",\"resource\":{\"resourceType\":\"Patient\",\"id\":\"m1\"}},{\"resource\":{\"resourceType\":\"OperationOutcome\"", redacted, StringComparison.Ordinal);
        Assert.EndsWith("\"search\":{\"mode\":\"outcome\"}}],\"link\":[]}", redacted, StringComparison.Ordinal);
        using var valid = JsonDocument.Parse(redacted);
    }

    [Theory]
    [InlineData("[1,2]", "guard:not-a-resource")]
    [InlineData("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":", "guard:malformed-json")]
    [InlineData("<Patient/>", "guard:malformed-json")]
    public void Scan_UninspectableBody_IsAProblem(string body, string problem)
    {
        var scan = ResponseGuardScanner.Scan(Encoding.UTF8.GetBytes(body), Check, redact: true);

        Assert.Equal(problem, scan.Problem);
        Assert.False(scan.Clean);
    }

    [Fact]
    public void Scan_NestedBundle_IsRefused()
    {
        var body = Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\",\"entry\":[{\"resource\":{\"resourceType\":\"Bundle\",\"entry\":[]}}]}");

        var scan = ResponseGuardScanner.Scan(body, Check, redact: false);

        Assert.Equal([(0, "guard:nested-bundle")], scan.Violations.ToArray());
    }

    private static string? Check(JsonElement resource) =>
        ResponseGuardEvaluator.Check(FhirResourceFacts.Read(resource, PatientCompartment.R4), "m1", Consent, Rules, PatientCompartment.R4);
}
