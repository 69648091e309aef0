using System.Collections.Immutable;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Consent;

/// <summary>
/// Decides whether a member's consents cover one request (S8.5): the consent names this partner, is not
/// revoked, today is inside its period, it authorises the token's purpose of use, it covers every data
/// class the request touches, and (for sensitive data) it carries the HRex sensitive policy. Pure; time is
/// an input. When no consent covers the request, the refusal names the check the closest consent failed.
/// </summary>
internal static class ConsentEvaluator
{
    public static ConsentDecision Evaluate(ImmutableArray<ConsentRecord> memberConsents, ConsentRequest request, ConsentRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rules);
        var evidence = ImmutableArray.Create("partner=" + request.PartnerId, "types=" + string.Join(',', request.ResourceTypes));
        var forPartner = memberConsents.Where(record => string.Equals(record.Terms.PartnerId, request.PartnerId, StringComparison.Ordinal)).ToList();
        if (forPartner.Count == 0)
        {
            return memberConsents.IsDefaultOrEmpty
                ? new ConsentDecision(DenyReason.ConsentMissing, "consent:none", null, evidence)
                : new ConsentDecision(DenyReason.ConsentPartnerMismatch, "consent:other-partner", null, evidence);
        }

        (int Depth, DenyReason Reason, string Rule, ConsentRecord Record)? closest = null;
        foreach (var record in forPartner)
        {
            var (depth, reason, rule) = Check(record, request, rules, now);
            if (reason == DenyReason.None)
            {
                return new ConsentDecision(DenyReason.None, "consent:allowed", record, evidence.Add("consent=" + record.Id + "/v" + record.Version));
            }

            if (closest is null || depth > closest.Value.Depth)
            {
                closest = (depth, reason, rule, record);
            }
        }

        var (_, closestReason, closestRule, closestRecord) = closest!.Value; // forPartner is not empty
        return new ConsentDecision(closestReason, closestRule, closestRecord, evidence.Add("consent=" + closestRecord.Id + "/v" + closestRecord.Version));
    }

    // Depth orders the checks, so the refusal reports the consent that got furthest.
    private static (int Depth, DenyReason Reason, string Rule) Check(ConsentRecord record, ConsentRequest request, ConsentRules rules, DateTimeOffset now)
    {
        var terms = record.Terms;
        if (record.Status == ConsentStatus.Revoked)
        {
            return (0, DenyReason.ConsentRevoked, "consent:revoked");
        }

        if (record.Status != ConsentStatus.Active)
        {
            return (0, DenyReason.ConsentRevoked, "consent:" + record.Status.ToString().ToLowerInvariant());
        }

        if (now >= terms.PeriodEnd)
        {
            return (1, DenyReason.ConsentExpired, "consent:expired");
        }

        if (now < terms.PeriodStart)
        {
            return (1, DenyReason.ConsentNotInEffect, "consent:not-in-effect");
        }

        if (!request.PurposesOfUse.Any(purpose => terms.PurposesOfUse.Contains(purpose, StringComparer.Ordinal)))
        {
            return (2, DenyReason.ConsentPurposeMismatch, "consent:purpose");
        }

        var uncovered = request.ResourceTypes.FirstOrDefault(type => !rules.Covers(terms.DataClasses, type));
        if (uncovered is not null)
        {
            return (3, DenyReason.ConsentDataClassNotCovered, "consent:data-class:" + uncovered);
        }

        var sensitive = terms.Policy == ConsentPolicy.Regular ? request.ResourceTypes.FirstOrDefault(rules.SensitiveTypes.Contains) : null;
        return sensitive is not null
            ? (4, DenyReason.ConsentSensitiveNotCovered, "consent:sensitive:" + sensitive)
            : (5, DenyReason.None, "consent:allowed");
    }
}
