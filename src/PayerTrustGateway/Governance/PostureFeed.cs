using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Governance;

/// <summary>
/// The posture feed: a partner's security posture or attestation (risk level, when it was attested, by
/// whom) recorded through the admin API. Routes whose policy sets <c>MaxPostureRisk</c> or
/// <c>MaxPostureAge</c> judge every request by the latest signal.
/// </summary>
internal sealed class PostureFeed
{
    /// <summary>How far in the future an attestation time may lie (clock differences between systems).</summary>
    public static readonly TimeSpan MaxFutureSkew = TimeSpan.FromMinutes(5);

    private readonly GovernanceRegistry _governance;
    private readonly PartnerRegistry _partners;

    public PostureFeed(GovernanceRegistry governance, PartnerRegistry partners)
    {
        ArgumentNullException.ThrowIfNull(governance);
        ArgumentNullException.ThrowIfNull(partners);
        _governance = governance;
        _partners = partners;
    }

    public Task<GovernanceOutcome> RecordAsync(
        string partnerId, PostureRisk risk, DateTimeOffset attestedAt, string source, string? evidence, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            if (_partners.Current.FindPartner(partnerId) is null)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.NotFound, $"Partner '{partnerId}' is not registered.").WithoutDocuments();
            }

            var problems = new List<string>();
            if (!Enum.IsDefined(risk))
            {
                problems.Add("risk must be Low, Moderate, High or Critical.");
            }

            if (attestedAt > now + MaxFutureSkew)
            {
                problems.Add("attestedAt is in the future.");
            }

            GovernanceInput.RequireText(problems, "source", source);
            if (evidence is not null)
            {
                GovernanceInput.RequireText(problems, "evidence", evidence, 500);
            }

            if (problems.Count > 0)
            {
                return GovernanceOutcome.Invalid(problems).WithoutDocuments();
            }

            var before = state.Posture.GetValueOrDefault(partnerId);
            var signal = new PostureSignal
            {
                PartnerId = partnerId,
                Risk = risk,
                AttestedAt = attestedAt,
                Source = source,
                Evidence = evidence,
                RecordedAt = now,
                RecordedBy = actor,
            };
            return GovernanceOutcome.Changed(signal, "posture.record", partnerId, Summarize(before), Summarize(signal), created: true).Writing(signal);
        }, cancellationToken);

    private static string? Summarize(PostureSignal? signal) =>
        signal is null ? null : $"risk={signal.Risk}; attestedAt={signal.AttestedAt:O}; source={signal.Source}";
}
