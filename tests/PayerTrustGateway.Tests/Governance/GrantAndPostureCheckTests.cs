using PayerTrustGateway.Fhir;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tests.Policy;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Governance;

/// <summary>What a grant can lift and what it cannot; posture requirements against signals. Pure, no host.</summary>
public sealed class GrantAndPostureCheckTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryLift_GrantInForceForTheRouteAndType_AllowsNamingTheGrant()
    {
        var refused = RoutePolicyEvaluator.Evaluate(RoutePolicyEvaluatorTests.Policy(), Get("Claim?patient=1"), RoutePolicyEvaluatorTests.Subject("system/Patient.rs"));
        Assert.Equal(DenyReason.ResourceTypeNotAllowed, refused.Reason);
        Assert.True(GrantWidening.CanLift(refused.Reason));

        var lifted = GrantWidening.TryLift(RoutePolicyEvaluatorTests.Policy(), Get("Claim?patient=1"), RoutePolicyEvaluatorTests.Subject("system/Patient.rs"), [Grant(types: ["Claim"])], "member", Now);

        Assert.NotNull(lifted);
        Assert.True(lifted.Value.Decision.IsAllowed);
        Assert.Equal("exception:g1", lifted.Value.Decision.Rule);
        Assert.Contains("grant=g1", lifted.Value.Decision.Evidence);
    }

    [Fact]
    public void TryLift_WorkloadNotInThePolicy_IsAdmittedByItsGrant()
    {
        var policy = RoutePolicyEvaluatorTests.Policy(p => p.Partners = ["plan-b"]);

        var lifted = GrantWidening.TryLift(policy, Get("Patient/1"), RoutePolicyEvaluatorTests.Subject("system/Patient.rs"), [Grant(kind: GrantKind.BreakGlass)], "member", Now);

        Assert.Equal("break-glass:g1", lifted?.Decision.Rule);
    }

    [Theory]
    [InlineData("other-route", 0)]
    [InlineData("member", -90)]
    [InlineData("member", 60)]
    [InlineData("member", 61)]
    public void TryLift_GrantForAnotherRouteOrOutsideItsTimeBox_LiftsNothing(string route, int minutesFromNow)
    {
        // The grant runs from Now-1h to Now+1h; ending is exclusive.
        var lifted = GrantWidening.TryLift(
            RoutePolicyEvaluatorTests.Policy(), Get("Claim?patient=1"), RoutePolicyEvaluatorTests.Subject("system/Patient.rs"), [Grant(types: ["Claim"])], route, Now.AddMinutes(minutesFromNow));

        Assert.Null(lifted);
    }

    [Fact]
    public void TryLift_GrantNeverWidensBeyondItsTypes_OrInteractions()
    {
        var grant = Grant(types: ["Claim"]);

        Assert.Null(GrantWidening.TryLift(RoutePolicyEvaluatorTests.Policy(), Get("ExplanationOfBenefit?patient=1"), RoutePolicyEvaluatorTests.Subject("system/Patient.rs"), [grant], "member", Now));
        Assert.Null(GrantWidening.TryLift(RoutePolicyEvaluatorTests.Policy(), Post("Claim"), RoutePolicyEvaluatorTests.Subject("system/Patient.rs"), [grant], "member", Now));
        Assert.False(GrantWidening.CanLift(DenyReason.InteractionNotAllowed));
        Assert.False(GrantWidening.CanLift(DenyReason.WideningNotAllowed));
    }

    [Theory]
    [InlineData(GrantState.Pending)]
    [InlineData(GrantState.Rejected)]
    [InlineData(GrantState.Revoked)]
    public void TryLift_GrantNotApproved_LiftsNothing(GrantState state)
    {
        var lifted = GrantWidening.TryLift(RoutePolicyEvaluatorTests.Policy(), Get("Claim?patient=1"), RoutePolicyEvaluatorTests.Subject("system/Patient.rs"), [Grant(types: ["Claim"]) with { State = state }], "member", Now);

        Assert.Null(lifted);
    }

    [Fact]
    public void PostureCheck_NoRequirement_PassesWithoutSignal() =>
        Assert.Equal(DenyReason.None, PostureCheck.Evaluate(RoutePolicyEvaluatorTests.Policy(), null, Now).Reason);

    [Theory]
    [InlineData(false, PostureRisk.Low, 0, nameof(DenyReason.PostureMissing))]
    [InlineData(true, PostureRisk.Low, 31, nameof(DenyReason.PostureStale))]
    [InlineData(true, PostureRisk.High, 1, nameof(DenyReason.PostureRiskTooHigh))]
    [InlineData(true, PostureRisk.Moderate, 30, nameof(DenyReason.None))]
    public void PostureCheck_RouteRequirement_JudgesTheLatestSignal(bool hasSignal, PostureRisk risk, int ageDays, string expected)
    {
        var policy = RoutePolicyEvaluatorTests.Policy(p => (p.MaxPostureRisk, p.MaxPostureAge) = (PostureRisk.Moderate, TimeSpan.FromDays(30)));
        var signal = !hasSignal ? null : new PostureSignal
        {
            PartnerId = "plan-a",
            Risk = risk,
            AttestedAt = Now.AddDays(-ageDays),
            Source = "third-party-risk",
            RecordedAt = Now,
            RecordedBy = "ops",
        };

        Assert.Equal(Enum.Parse<DenyReason>(expected), PostureCheck.Evaluate(policy, signal, Now).Reason);
    }

    private static AccessGrant Grant(GrantKind kind = GrantKind.Exception, string[]? types = null) => new()
    {
        Id = "g1",
        Kind = kind,
        Workload = "plan-a/claims-sync",
        RouteId = "member",
        ResourceTypes = [.. types ?? []],
        Reason = "migration backlog",
        RequestedBy = "ops",
        RequestedAt = Now.AddHours(-1),
        Duration = TimeSpan.FromHours(2),
        State = GrantState.Approved,
        ApprovedBy = "reviewer",
        StartsAt = Now.AddHours(-1),
        EndsAt = Now.AddHours(1),
    };

    private static FhirRequest Get(string url)
    {
        var question = url.IndexOf('?', StringComparison.Ordinal);
        return FhirRequestClassifier.Classify("GET", question < 0 ? url : url[..question], question < 0 ? "" : url[(question + 1)..], [], false);
    }

    private static FhirRequest Post(string path) => FhirRequestClassifier.Classify("POST", path, "", [], false);
}
