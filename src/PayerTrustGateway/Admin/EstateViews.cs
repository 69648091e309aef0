using PayerTrustGateway.Governance;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Admin;

/// <summary>How the admin API shows partners, workloads, grants and review items (never key material or full certificates).</summary>
internal static class EstateViews
{
    public static object Partner(RegisteredPartner partner, PartnerDirectory directory) => new
    {
        id = partner.Id,
        displayName = partner.DisplayName,
        source = partner.Source,
        status = partner.Status,
        organizationId = partner.OrganizationId,
        revocationMode = partner.RevocationMode,
        trustAnchors = partner.TrustAnchors.Select(anchor => new { subject = anchor.Subject, notAfter = anchor.NotAfter.ToUniversalTime() }),
        posture = partner.Posture is { } posture ? new { risk = posture.Risk, attestedAt = posture.AttestedAt, source = posture.Source, evidence = posture.Evidence } : null,
        workloads = directory.Workloads.Where(w => w.Partner.Id == partner.Id).Select(w => w.QualifiedId),
    };

    public static object Workload(RegisteredWorkload workload, PartnerDirectory directory, DateTimeOffset now)
    {
        var standing = PartnerCertificateValidator.CheckLifecycle(workload, directory, now);
        var stewardship = workload.Stewardship;
        return new
        {
            id = workload.QualifiedId,
            partnerId = workload.Partner.Id,
            workloadId = workload.Id,
            source = workload.Source,
            status = workload.Status,
            standing = standing == DenyReason.None ? "active" : DenialCatalog.Descriptors[standing].Code,
            owner = stewardship?.Owner,
            sponsor = stewardship?.Sponsor,
            purpose = stewardship?.Purpose,
            expiresAt = stewardship?.ExpiresAt,
            reviewCadenceDays = stewardship?.ReviewCadence.TotalDays,
            lastCertifiedAt = workload.LastCertifiedAt,
            certificationDueAt = stewardship is null ? null : workload.LastCertifiedAt + stewardship.ReviewCadence,
            certificationLapsesAt = workload.CertificationLapsesAt(directory.CertificationGrace) is { } lapse && lapse != DateTimeOffset.MinValue ? lapse : (DateTimeOffset?)null,
            identity = new { sanUri = workload.SanUri, sanDns = workload.SanDns, spkiSha256 = workload.SpkiSha256 },
            clientId = workload.ClientId,
            scopes = workload.Scopes,
            purposesOfUse = workload.PurposesOfUse,
            certificates = workload.Certificates.Values.OrderBy(c => c.AttachedAt).Select(c => new
            {
                thumbprint = c.Thumbprint,
                subject = c.Subject,
                notAfter = c.NotAfter,
                state = directory.RevokedThumbprints.Contains(c.Thumbprint) ? "revoked" : c.IsRetired ? "retired" : "current",
                attachedAt = c.AttachedAt,
                attachedBy = c.AttachedBy,
                retiredAt = c.RetiredAt,
            }),
            grants = workload.Grants.Where(g => g.IsInForceAt(now)).Select(g => g.Id),
        };
    }

    public static object Grant(AccessGrant grant, DateTimeOffset now) => new
    {
        id = grant.Id,
        kind = grant.Kind,
        workload = grant.Workload,
        route = grant.RouteId,
        resourceTypes = grant.ResourceTypes,
        purposesOfUse = grant.PurposesOfUse,
        reason = grant.Reason,
        requestedBy = grant.RequestedBy,
        requestedAt = grant.RequestedAt,
        duration = grant.Duration,
        state = grant.EffectiveState(now),
        approvedBy = grant.ApprovedBy,
        startsAt = grant.StartsAt,
        endsAt = grant.EndsAt,
        closedBy = grant.ClosedBy,
        closedAt = grant.ClosedAt,
    };

    public static object Review(ReviewItem item, DateTimeOffset now) => new
    {
        id = item.Id,
        kind = item.Kind,
        subject = item.SubjectId,
        requestedBy = item.RequestedBy,
        createdAt = item.CreatedAt,
        dueAt = item.DueAt,
        overdue = item.IsOverdueAt(now),
        state = item.State,
        claimedBy = item.ClaimedBy,
        claimedAt = item.ClaimedAt,
        decision = item.Decision,
        decidedBy = item.DecidedBy,
        decidedAt = item.DecidedAt,
        note = item.Note,
    };
}
