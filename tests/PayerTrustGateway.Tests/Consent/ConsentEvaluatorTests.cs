using PayerTrustGateway.Consent;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Consent;

public sealed class ConsentEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly ConsentRules Rules = ConsentRules.From(new ConsentOptions
    {
        DataClasses = new(StringComparer.Ordinal)
        {
            ["member"] = new() { ResourceTypes = ["Patient", "Coverage"] },
            ["claims"] = new() { ResourceTypes = ["ExplanationOfBenefit"] },
        },
        Sensitive = new() { ResourceTypes = ["Coverage"] },
    });

    [Theory]
    [InlineData("plan-b", "COC", "Patient", 0, 10, "Active", "ConsentPartnerMismatch")]
    [InlineData("plan-a", "COC", "Patient", 0, 10, "Revoked", "ConsentRevoked")]
    [InlineData("plan-a", "COC", "Patient", -10, -1, "Active", "ConsentExpired")]
    [InlineData("plan-a", "COC", "Patient", 1, 10, "Active", "ConsentNotInEffect")]
    [InlineData("plan-a", "TREAT", "Patient", 0, 10, "Active", "ConsentPurposeMismatch")]
    [InlineData("plan-a", "COC", "Observation", 0, 10, "Active", "ConsentDataClassNotCovered")]
    [InlineData("plan-a", "COC", "Coverage", 0, 10, "Active", "ConsentSensitiveNotCovered")]
    [InlineData("plan-a", "COC", "Organization", 0, 10, "Active", "None")]
    [InlineData("plan-a", "COC", "ExplanationOfBenefit", 0, 10, "Active", "None")]
    public void Evaluate_DecidesByTheFirstFailingCheck(string partner, string purpose, string type, int startDays, int endDays, string status, string expected)
    {
        var record = Record("plan-a", Now.AddDays(startDays), Now.AddDays(endDays), Enum.Parse<ConsentStatus>(status));

        var decision = ConsentEvaluator.Evaluate([record], new ConsentRequest("m1", partner, [purpose], [type]), Rules, Now);

        Assert.Equal(Enum.Parse<DenyReason>(expected), decision.Reason);
        Assert.Equal(expected == "ConsentPartnerMismatch" ? null : record, decision.Consent);
    }

    [Fact]
    public void Evaluate_NoConsents_IsConsentMissing()
    {
        var decision = ConsentEvaluator.Evaluate([], new ConsentRequest("m1", "plan-a", ["COC"], ["Patient"]), Rules, Now);

        Assert.Equal(DenyReason.ConsentMissing, decision.Reason);
    }

    [Fact]
    public void Evaluate_PeriodEnd_IsExclusive()
    {
        var record = Record("plan-a", Now.AddDays(-1), Now, ConsentStatus.Active);

        var decision = ConsentEvaluator.Evaluate([record], new ConsentRequest("m1", "plan-a", ["COC"], ["Patient"]), Rules, Now);

        Assert.Equal(DenyReason.ConsentExpired, decision.Reason);
    }

    [Fact]
    public void Evaluate_AnyCoveringConsentAllows_AndRefusalNamesTheClosest()
    {
        var revoked = Record("plan-a", Now.AddDays(-1), Now.AddDays(1), ConsentStatus.Revoked);
        var wrongPurpose = Record("plan-a", Now.AddDays(-1), Now.AddDays(1), ConsentStatus.Active) with { Id = "c2" };
        var request = new ConsentRequest("m1", "plan-a", ["COC"], ["Patient"]);

        var refused = ConsentEvaluator.Evaluate([revoked, wrongPurpose with { Terms = wrongPurpose.Terms with { PurposesOfUse = ["TREAT"] } }], request, Rules, Now);
        var allowed = ConsentEvaluator.Evaluate([revoked, wrongPurpose], request, Rules, Now);

        Assert.Equal(DenyReason.ConsentPurposeMismatch, refused.Reason);
        Assert.Equal("c2", refused.Consent!.Id);
        Assert.True(allowed.IsAllowed);
        Assert.Equal("c2", allowed.Consent!.Id);
    }

    [Fact]
    public void Evaluate_WithoutConfiguredClasses_CoversEveryTypeButSensitiveStillNeedsThePolicy()
    {
        var hrexOnly = ConsentRules.From(new ConsentOptions { Sensitive = new() { ResourceTypes = ["Condition"] } });
        var record = Record("plan-a", Now.AddDays(-1), Now.AddDays(1), ConsentStatus.Active);

        Assert.True(ConsentEvaluator.Evaluate([record], new ConsentRequest("m1", "plan-a", ["COC"], ["Observation"]), hrexOnly, Now).IsAllowed);
        Assert.Equal(DenyReason.ConsentSensitiveNotCovered, ConsentEvaluator.Evaluate([record], new ConsentRequest("m1", "plan-a", ["COC"], ["Condition"]), hrexOnly, Now).Reason);
        Assert.True(ConsentEvaluator.Evaluate([record with { Terms = record.Terms with { Policy = ConsentPolicy.Sensitive } }], new ConsentRequest("m1", "plan-a", ["COC"], ["Condition"]), hrexOnly, Now).IsAllowed);
    }

    internal static ConsentRecord Record(string partner, DateTimeOffset start, DateTimeOffset end, ConsentStatus status, string member = "m1") =>
        new("c1", 1, new ConsentTerms(member, [], partner, ["COC"], ["member", "claims"], ConsentPolicy.Regular, start, end, null, null), status, "captured", "tester", start, null);
}
