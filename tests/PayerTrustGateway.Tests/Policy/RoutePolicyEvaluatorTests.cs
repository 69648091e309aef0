using System.Text;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Policy;

public sealed class RoutePolicyEvaluatorTests
{
    private const string AllScopes = "system/Patient.rs system/Observation.rs system/Coverage.rs system/Provenance.rs";

    // url (method GET unless prefixed "POST "), scopes, expected reason, rule prefix
    public static TheoryData<string, string, string, string> Cases => new()
    {
        { "Patient/1", AllScopes, nameof(DenyReason.None), "partner:plan-a" },
        { "Observation?patient=1", AllScopes, nameof(DenyReason.None), "partner:plan-a" },
        { "Observation?patient=1", "system/Observation.read", nameof(DenyReason.None), "partner:plan-a" },
        { "Observation?patient=1", "system/*.rs", nameof(DenyReason.None), "partner:plan-a" },
        { "Observation?patient=1", "system/Observation.r", nameof(DenyReason.ScopeInsufficient), "scope:system/Observation.s" },
        { "Observation?patient=1", "patient/Observation.rs", nameof(DenyReason.ScopeInsufficient), "scope:system/Observation.s" },
        { "Observation?patient=1", "user/*.rs", nameof(DenyReason.ScopeInsufficient), "scope:system/Observation.s" },
        { "Observation?patient=1", "system/Observation.rs?category=laboratory", nameof(DenyReason.ScopeInsufficient), "scope:system/Observation.s" },
        { "Patient/1", "system/Observation.rs", nameof(DenyReason.ScopeInsufficient), "scope:system/Patient.r" },
        { "Observation?patient=1&_include=Observation:subject:Patient", "system/Observation.rs", nameof(DenyReason.ScopeInsufficient), "scope:system/Patient.rs" },
        { "Claim?patient=1", AllScopes, nameof(DenyReason.ResourceTypeNotAllowed), "resource-type:Claim" },
        { "Observation?patient=1&_include=Observation:subject", AllScopes, nameof(DenyReason.WideningNotAllowed), "widening-reaches:Device" },
        { "Patient?_revinclude=Provenance:target", "system/Patient.rs", nameof(DenyReason.ScopeInsufficient), "scope:system/Provenance.rs" },
        { "Patient?_revinclude=AuditEvent:entity", AllScopes, nameof(DenyReason.WideningNotAllowed), "widening-reaches:AuditEvent" },
        { "Patient?_include=*", AllScopes, nameof(DenyReason.WideningNotAllowed), "unbounded-widening" },
        { "Observation?subject:Patient.organization.name=x", AllScopes, nameof(DenyReason.WideningNotAllowed), "widening-reaches:Organization" },
        { "Encounter?_has:Observation:patient:code=x", AllScopes, nameof(DenyReason.ResourceTypeNotAllowed), "resource-type:Encounter" },
        { "Patient?_has:Claim:patient:status=active", AllScopes, nameof(DenyReason.WideningNotAllowed), "widening-reaches:Claim" },
        { "Observation?_contained=true", AllScopes, nameof(DenyReason.WideningNotAllowed), "unbounded-widening" },
        { "?_type=Patient", AllScopes, nameof(DenyReason.InteractionNotAllowed), "interaction:search-system" },
        { "Patient/1/$everything", AllScopes, nameof(DenyReason.InteractionNotAllowed), "interaction:operation" },
        { "POST $graphql", AllScopes, nameof(DenyReason.InteractionNotAllowed), "interaction:graphql" },
        { "POST Patient", AllScopes, nameof(DenyReason.InteractionNotAllowed), "interaction:create" },
        { "Patient/1/2/3/4", AllScopes, nameof(DenyReason.FhirRequestMalformed), "fhir-request" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Evaluate_Request_DecidesWithRule(string url, string scopes, string reason, string rule)
    {
        var decision = RoutePolicyEvaluator.Evaluate(Policy(), Classify(url), Subject(scopes));

        Assert.Equal(Enum.Parse<DenyReason>(reason), decision.Reason);
        Assert.Equal(rule, decision.Rule);
        Assert.Contains("workload=plan-a/claims-sync", decision.Evidence);
    }

    [Fact]
    public void Evaluate_TransactionSmugglingUnadmittedType_DeniesThatEntry()
    {
        var policy = Policy(p => p.Interactions = ["read", "search-type", "transaction"]);
        var bundle = """{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"GET","url":"Patient/1"}},{"request":{"method":"GET","url":"Claim?patient=1"}}]}""";

        var decision = RoutePolicyEvaluator.Evaluate(policy, FhirRequestClassifier.Classify("POST", "", "", Encoding.UTF8.GetBytes(bundle), false), Subject(AllScopes));

        Assert.Equal(DenyReason.ResourceTypeNotAllowed, decision.Reason);
        Assert.Equal("entry[1].resource-type:Claim", decision.Rule);
    }

    [Fact]
    public void Evaluate_OperationListed_AllowsIt()
    {
        var policy = Policy(p =>
        {
            p.Interactions = ["read", "operation"];
            p.Operations = ["everything"];
        });

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify("Patient/1/$everything?_type=Observation,Coverage"), Subject(AllScopes));

        Assert.True(decision.IsAllowed);
    }

    [Theory]
    [InlineData("Patient/1/$everything", "system/*.rs", "unbounded-widening")]
    [InlineData("Patient/1/$everything?_type=Observation,Claim", "system/*.rs", "widening-reaches:Claim")]
    [InlineData("Patient/1/$everything?_type=Observation", "system/Patient.r", "scope:system/Observation.rs")]
    public void Evaluate_EverythingOutputTypes_MustBeNamedAdmittedAndScoped(string url, string scopes, string rule)
    {
        var policy = Policy(p =>
        {
            p.Interactions = ["read", "operation"];
            p.Operations = ["everything"];
        });

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify(url), Subject(scopes));

        Assert.Equal(rule, decision.Rule);
    }

    [Theory]
    [InlineData("Observation?patient:missing=false")]
    [InlineData("Observation/obs-of-someone-else?patient=1")]
    [InlineData("Observation?patient=1,2")]
    [InlineData("Observation?patient=1&subject=Patient/2")]
    [InlineData("Patient/1/Observation?patient=2")]
    [InlineData("Observation?subject=1")]
    public void Evaluate_MemberContextWithoutExactlyOneMember_Denies(string url)
    {
        var policy = Policy(p => p.RequireMemberContext = true);

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify(url), Subject(AllScopes));

        Assert.Equal(DenyReason.MemberContextRequired, decision.Reason);
    }

    [Fact]
    public void Evaluate_WidenedTypeWithSearchOnlyScope_NeedsReadAndSearch()
    {
        var decision = RoutePolicyEvaluator.Evaluate(Policy(), Classify("Patient?_revinclude=Provenance:target"), Subject("system/Patient.rs system/Provenance.s"));

        Assert.Equal("scope:system/Provenance.rs", decision.Rule);
    }

    [Fact]
    public void Evaluate_OperationNotListed_DeniesOperationNotAllowed()
    {
        var policy = Policy(p =>
        {
            p.Interactions = ["read", "operation"];
            p.Operations = ["member-match"];
        });

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify("Patient/1/$everything?_type=Observation"), Subject(AllScopes));

        Assert.Equal(DenyReason.OperationNotAllowed, decision.Reason);
    }

    [Theory]
    [InlineData("TREAT", nameof(DenyReason.None))]
    [InlineData("HMARKT", nameof(DenyReason.PurposeOfUseNotAllowed))]
    [InlineData("", nameof(DenyReason.PurposeOfUseNotAllowed))]
    public void Evaluate_PurposeOfUse_MustBeAdmitted(string purpose, string reason)
    {
        var policy = Policy(p => p.PurposesOfUse = ["TREAT", "COVERAGE"]);
        var subject = Subject(AllScopes) with { PurposesOfUse = purpose.Length == 0 ? [] : [purpose] };

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify("Patient/1"), subject);

        Assert.Equal(Enum.Parse<DenyReason>(reason), decision.Reason);
    }

    [Theory]
    [InlineData("Patient/1", nameof(DenyReason.None))]
    [InlineData("Patient/1/Observation", nameof(DenyReason.None))]
    [InlineData("Observation?subject=Patient/1", nameof(DenyReason.None))]
    [InlineData("Observation?code=1234-5", nameof(DenyReason.MemberContextRequired))]
    [InlineData("Patient?name=smith", nameof(DenyReason.MemberContextRequired))]
    public void Evaluate_MemberContextRequired_NeedsOneMember(string url, string reason)
    {
        var policy = Policy(p => p.RequireMemberContext = true);

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify(url), Subject(AllScopes));

        Assert.Equal(Enum.Parse<DenyReason>(reason), decision.Reason);
    }

    [Fact]
    public void Evaluate_AdmittedByTag_NamesTheTag()
    {
        var policy = Policy(p =>
        {
            p.Partners = [];
            p.WorkloadTags = ["p2p-exchange"];
        });

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify("Patient/1"), Subject(AllScopes) with { Tags = ["p2p-exchange"] });

        Assert.Equal("tag:p2p-exchange", decision.Rule);
    }

    [Fact]
    public void Evaluate_HumanOperatedAppOnSystemRoute_DeniesActorKind()
    {
        var decision = RoutePolicyEvaluator.Evaluate(Policy(), Classify("Patient/1"), Subject(AllScopes) with { ActorKind = ActorKind.HumanOperatedApp });

        Assert.Equal(DenyReason.ActorKindNotAllowed, decision.Reason);
    }

    [Fact]
    public void Evaluate_RequiredScopeMissing_NamesIt()
    {
        var policy = Policy(p => p.RequiredScopes = ["system/Coverage.rs"]);

        var decision = RoutePolicyEvaluator.Evaluate(policy, Classify("Patient/1"), Subject("system/Patient.rs"));

        Assert.Equal(DenyReason.ScopeInsufficient, decision.Reason);
        Assert.Equal("system/Coverage.rs", decision.RequiredScope);
    }

    [Fact]
    public void Evaluate_UnboundToken_DeniesNotSenderConstrained()
    {
        var decision = RoutePolicyEvaluator.Evaluate(Policy(), Classify("Patient/1"), Subject(AllScopes) with { Binding = TokenBinding.None });

        Assert.Equal(DenyReason.TokenNotSenderConstrained, decision.Reason);
    }

    internal static TrustPolicy Policy(Action<TrustPolicyOptions>? change = null)
    {
        var options = new TrustPolicyOptions { Partners = ["plan-a"], ResourceTypes = ["Patient", "Observation", "Coverage", "Provenance"] };
        change?.Invoke(options);
        return TrustPolicy.From("member-data", options);
    }

    internal static PolicySubject Subject(string scopes) =>
        new("plan-a", "claims-sync", [], ActorKind.System, TokenBinding.Certificate, [.. scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)], []);

    private static FhirRequest Classify(string url)
    {
        var method = url.StartsWith("POST ", StringComparison.Ordinal) ? "POST" : "GET";
        url = method == "POST" ? url[5..] : url;
        var question = url.IndexOf('?', StringComparison.Ordinal);
        return FhirRequestClassifier.Classify(method, question < 0 ? url : url[..question], question < 0 ? "" : url[(question + 1)..], [], false);
    }
}
