using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Governance;

/// <summary>
/// Workload certificates through the admin API: attach a new one (checked against the partner's anchors
/// first; at most two current at once, so old and new overlap), retire the old one, and revoke any
/// certificate by thumbprint. Each is in force on the next request. Rotation outcomes are counted.
/// </summary>
internal sealed class CertificateRotation
{
    /// <summary>Current (unretired) certificates a workload may hold at once: the old and the new during a rotation.</summary>
    public const int MaxCurrentCertificates = 2;

    private readonly GovernanceRegistry _governance;
    private readonly PartnerRegistry _partners;
    private readonly GovernanceMetrics _metrics;

    public CertificateRotation(GovernanceRegistry governance, PartnerRegistry partners, GovernanceMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(governance);
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(metrics);
        _governance = governance;
        _partners = partners;
        _metrics = metrics;
    }

    public async Task<GovernanceOutcome> AttachAsync(string qualified, string pem, string actor, CancellationToken cancellationToken)
    {
        var outcome = await _governance.ChangeAsync((state, now) => Attach(state, now, qualified, pem, actor), cancellationToken);
        _metrics.Rotation(outcome.Succeeded ? "attached" : "refused");
        return outcome;
    }

    public async Task<GovernanceOutcome> RetireAsync(string qualified, string thumbprint, string actor, CancellationToken cancellationToken)
    {
        var outcome = await _governance.ChangeAsync((state, now) =>
        {
            if (!GovernanceInput.TryNormalizeThumbprint(thumbprint, out var normalized)
                || !state.Certificates.TryGetValue(normalized, out var attached) || attached.QualifiedWorkload != qualified)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.NotFound, $"No certificate {thumbprint} is attached to workload '{qualified}'.").WithoutDocuments();
            }

            if (attached.IsRetired)
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, "That certificate is already retired.").WithoutDocuments();
            }

            var retired = attached with { RetiredAt = now, RetiredBy = actor };
            var remaining = state.CertificatesOf(qualified).Count(c => !c.IsRetired && c.Thumbprint != normalized);
            return GovernanceOutcome.Changed(retired, "certificate.retire", qualified + "#" + normalized, "current", $"retired; {remaining} current left")
                .Writing(retired);
        }, cancellationToken);
        _metrics.Rotation(outcome.Succeeded ? "retired" : "refused");
        return outcome;
    }

    public Task<GovernanceOutcome> RevokeAsync(string thumbprint, string reason, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            var problems = new List<string>();
            GovernanceInput.RequireText(problems, "reason", reason, 500);
            if (!GovernanceInput.TryNormalizeThumbprint(thumbprint, out var normalized))
            {
                problems.Add("thumbprint must be the certificate's x5t#S256 (base64url SHA-256) or its SHA-256 in hex.");
            }

            if (problems.Count > 0)
            {
                return GovernanceOutcome.Invalid(problems).WithoutDocuments();
            }

            if (state.Revocations.ContainsKey(normalized))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, "That certificate is already revoked.").WithoutDocuments();
            }

            var revocation = new CertificateRevocation { Thumbprint = normalized, Reason = reason, RevokedAt = now, RevokedBy = actor };
            var holder = state.Certificates.TryGetValue(normalized, out var attached) ? attached.QualifiedWorkload : "unattached";
            return GovernanceOutcome.Changed(revocation, "certificate.revoke", normalized, "good", $"revoked ({holder})", created: true).Writing(revocation);
        }, cancellationToken);

    private (GovernanceOutcome, IReadOnlyList<object>) Attach(GovernanceState state, DateTimeOffset now, string qualified, string pem, string actor)
    {
        var workload = _partners.Current.FindWorkload(qualified);
        if (workload is null)
        {
            return GovernanceOutcome.Fail(GovernanceOutcomeKind.NotFound, $"Workload '{qualified}' is not registered.").WithoutDocuments();
        }

        if (workload.Status == WorkloadStatus.Retired)
        {
            return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Workload '{qualified}' is retired.").WithoutDocuments();
        }

        using var certificate = ReadCertificate(pem);
        if (certificate is null)
        {
            return GovernanceOutcome.Invalid(["certificate must be one PEM X.509 certificate (public part only)."]).WithoutDocuments();
        }

        var reason = PartnerCertificateValidator.CheckForPartner(certificate, workload.Partner, now, out var facts);
        if (reason != DenyReason.None)
        {
            return GovernanceOutcome.Invalid([$"the certificate cannot serve this workload: {DenialCatalog.Descriptors[reason].Code}."]).WithoutDocuments();
        }

        var thumbprint = facts!.Thumbprint;
        if (state.Revocations.ContainsKey(thumbprint))
        {
            return GovernanceOutcome.Invalid(["the certificate is revoked."]).WithoutDocuments();
        }

        if (state.Certificates.TryGetValue(thumbprint, out var existing))
        {
            return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"The certificate is already attached to workload '{existing.QualifiedWorkload}'.").WithoutDocuments();
        }

        if (_partners.Current.Match(facts, out _) is { } other && other.QualifiedId != qualified)
        {
            return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"The certificate's identities already identify workload '{other.QualifiedId}'.").WithoutDocuments();
        }

        var current = state.CertificatesOf(qualified).Where(c => !c.IsRetired).ToList();
        if (current.Count >= MaxCurrentCertificates)
        {
            return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict,
                $"Workload '{qualified}' already has {current.Count} current certificates; retire the old one before attaching another.").WithoutDocuments();
        }

        var attached = new AttachedCertificate
        {
            Thumbprint = thumbprint,
            PartnerId = workload.Partner.Id,
            WorkloadId = workload.Id,
            Subject = certificate.Subject,
            NotAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
            AttachedAt = now,
            AttachedBy = actor,
        };
        return GovernanceOutcome.Changed(attached, "certificate.attach", qualified + "#" + thumbprint,
                $"{current.Count} current", $"{current.Count + 1} current; notAfter={attached.NotAfter:O}", created: true)
            .Writing(attached);
    }

    private static X509Certificate2? ReadCertificate(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (Exception exception) when (exception is CryptographicException or ArgumentException)
        {
            return null;
        }
    }
}
