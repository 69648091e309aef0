using CsCheck;
using Hl7.Fhir.Model;
using PayerTrustGateway.Audit;

namespace PayerTrustGateway.Tests.Audit;

/// <summary>The record's derived forms: the chain hash, the query cursor and the FHIR AuditEvent.</summary>
public sealed class AuditRecordFormsTests
{
    private static readonly AuditRecord Sample = new()
    {
        Instance = "gw-1",
        Time = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero),
        RequestId = "req-1",
        Listener = "partner",
        ActorKind = AuditActors.Workload,
        Actor = "plan-a/claims-sync",
        Partner = "plan-a",
        Workload = "plan-a/claims-sync",
        TokenClient = "plan-a/claims-sync",
        TokenId = "jti-1",
        Member = "member-1001",
        ConsentId = "c-1",
        ConsentVersion = 2,
        PurposesOfUse = ["COC"],
        Policy = "p2p",
        Rule = "consent:revoked",
        Decision = AuditDecisions.Deny,
        Reason = "consent-revoked",
        Interaction = "read",
        ResourceType = "Patient",
        Status = 403,
    };

    [Fact]
    public void Hash_SameRecordTwice_IsStable_AndLinksToThePrevious()
    {
        var first = AuditChain.Link(Sample, 1, AuditChain.Genesis);
        var again = AuditChain.Link(Sample, 1, AuditChain.Genesis);
        var second = AuditChain.Link(Sample, 2, first.Hash);

        // ImmutableArray equality is by reference: compare the bytes.
        Assert.Equal(first.Hash.ToArray(), again.Hash.ToArray());
        Assert.Equal(first.Hash.ToArray(), second.PreviousHash.ToArray());
        Assert.NotEqual(first.Hash.ToArray(), second.Hash.ToArray());
        Assert.Equal(32, first.Hash.Length);
    }

    [Fact]
    public void Hash_AnyStringFieldChanged_Changes()
    {
        var original = AuditChain.Link(Sample, 7, AuditChain.Genesis).Hash.ToArray();

        Gen.String[Gen.Char.AlphaNumeric, 1, 20].Sample(value =>
        {
            foreach (var edited in new[] { Sample with { Member = value + "x" }, Sample with { Reason = value + "x" }, Sample with { Partner = value + "x" }, Sample with { Evidence = [value] } })
            {
                Assert.NotEqual(original, AuditChain.Link(edited, 7, AuditChain.Genesis).Hash.ToArray());
            }
        });
    }

    [Fact]
    public void Cursor_RoundTrips_AndAnythingElseIsRefused()
    {
        Gen.Select(Gen.Long[0, long.MaxValue], Gen.Long[0, long.MaxValue]).Sample((time, row) =>
        {
            var cursor = new AuditCursor(time, row);
            Assert.True(AuditCursor.TryParse(cursor.ToString(), out var parsed));
            Assert.Equal(cursor, parsed);
        });
        Gen.String[Gen.Char, 0, 80].Sample(text =>
        {
            if (AuditCursor.TryParse(text, out var parsed))
            {
                Assert.Equal(text, parsed.ToString());
            }
        });
    }

    [Theory]
    [InlineData(AuditDecisions.Allow, 200, AuditEvent.AuditEventOutcome.N0)]
    [InlineData(AuditDecisions.Deny, 403, AuditEvent.AuditEventOutcome.N4)]
    [InlineData(AuditDecisions.Deny, 401, AuditEvent.AuditEventOutcome.N4)]
    [InlineData(AuditDecisions.Deny, 503, AuditEvent.AuditEventOutcome.N8)]
    public void AuditEvent_Outcome_FollowsDecisionAndStatus(string decision, int status, AuditEvent.AuditEventOutcome outcome)
    {
        var audit = AuditEventMapper.Map(AuditChain.Link(Sample with { Decision = decision, Status = status }, 3, AuditChain.Genesis));

        Assert.Equal(outcome, audit.Outcome);
        Assert.Equal("gw-1.3", audit.Id);
        Assert.Equal(AuditEvent.AuditEventAction.R, audit.Action);
        Assert.Equal("jti-1", Assert.Single(Assert.Single(audit.Agent).Policy));
        Assert.Contains(audit.Entity, entity => entity.What?.Identifier?.Value == "c-1");
        Assert.Equal("COC", Assert.Single(Assert.Single(audit.PurposeOfEvent).Coding).Code);
    }
}
