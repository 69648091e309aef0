using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Decides whether a client certificate identifies exactly one active partner workload. Pure: no
/// ASP.NET types; the caller supplies the registry snapshot and the time.
/// Order: readable → within validity → clientAuth EKU → maps to one workload → chains to *that*
/// partner's anchors only → not revoked (CRL, then the gateway's own revocations) → attached to the
/// workload if it is pinned → partner and workload active, unexpired and certified. Status comes last so that an
/// untrusted certificate learns nothing about which workloads exist or are suspended.
/// Only the chain build may come from a <see cref="ChainVerdictCache"/>; validity, revocation and
/// status are evaluated on every call.
/// </summary>
internal static class PartnerCertificateValidator
{
    private static readonly Oid ClientAuth = new(CertificateFacts.ClientAuthOid);

    /// <param name="certificate">The client certificate presented in the TLS handshake.</param>
    /// <param name="directory">The registry snapshot to validate against.</param>
    /// <param name="now">The one time used for every check of this decision.</param>
    /// <param name="cache">The connection's chain cache, or null to build the chain every time.</param>
    public static CertificateValidationResult Validate(
        X509Certificate2 certificate, PartnerDirectory directory, DateTimeOffset now, ChainVerdictCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(directory);

        if (!CertificateFacts.TryRead(certificate, out var facts))
        {
            return CertificateValidationResult.Deny(DenyReason.ClientCertificateMalformed);
        }

        var intrinsic = CheckIntrinsic(certificate, facts!, now);
        if (intrinsic != DenyReason.None)
        {
            return CertificateValidationResult.Deny(intrinsic, facts);
        }

        var workload = directory.Match(facts!, out var ambiguous);
        if (workload is null)
        {
            return CertificateValidationResult.Deny(ambiguous ? DenyReason.WorkloadAmbiguous : DenyReason.WorkloadNotRegistered, facts);
        }

        var chain = cache?.Get(directory, workload.Partner, now);
        if (chain is null)
        {
            chain = BuildChain(certificate, workload.Partner, now);
            if (chain.Reason == DenyReason.None)
            {
                cache?.Set(directory, workload.Partner, chain);
            }
        }

        var chainReason = chain.Reason != DenyReason.None ? chain.Reason : CheckRevocation(chain, workload.Partner, now);
        if (chainReason == DenyReason.None)
        {
            chainReason = CheckAttachment(facts!.Thumbprint, workload, directory);
        }

        if (chainReason != DenyReason.None)
        {
            return CertificateValidationResult.Deny(chainReason, facts, workload);
        }

        var lifecycle = CheckLifecycle(workload, directory, now);
        return lifecycle != DenyReason.None
            ? CertificateValidationResult.Deny(lifecycle, facts, workload)
            : new CertificateValidationResult(DenyReason.None, workload, facts) { Issuer = chain.Issuer };
    }

    // Gateway-side revocation by thumbprint, then rotation pinning: a workload with attached certificates
    // accepts only its current ones (a retired one is named as such, so the caller knows to switch).
    private static DenyReason CheckAttachment(string thumbprint, RegisteredWorkload workload, PartnerDirectory directory)
    {
        if (directory.RevokedThumbprints.Contains(thumbprint))
        {
            return DenyReason.ClientCertificateRevoked;
        }

        if (workload.Certificates.Count == 0)
        {
            return DenyReason.None;
        }

        if (!workload.Certificates.TryGetValue(thumbprint, out var attached))
        {
            return DenyReason.ClientCertificateNotAttached;
        }

        return attached.IsRetired ? DenyReason.ClientCertificateRetired : DenyReason.None;
    }

    // Continuous verification of the estate, on every request: partner and workload status, then the
    // workload's registration expiry and certification currency (overdue past the grace suspends it at
    // request time; no background job is needed for that to hold).
    public static DenyReason CheckLifecycle(RegisteredWorkload workload, PartnerDirectory directory, DateTimeOffset now)
    {
        if (workload.Partner.Status != PartnerStatus.Active)
        {
            return DenyReason.PartnerNotActive;
        }

        if (workload.Status != WorkloadStatus.Active)
        {
            return DenyReason.WorkloadNotActive;
        }

        if (workload.Stewardship is { } stewardship && now >= stewardship.ExpiresAt)
        {
            return DenyReason.WorkloadExpired;
        }

        return now > workload.CertificationLapsesAt(directory.CertificationGrace) ? DenyReason.WorkloadCertificationOverdue : DenyReason.None;
    }

    /// <summary>
    /// Whether <paramref name="certificate"/> could serve <paramref name="partner"/>'s workloads at <paramref name="now"/>:
    /// readable, within validity, clientAuth, chains to that partner's anchors, not revoked. Used when a
    /// certificate is attached (rotation) so a bad one is refused before it is relied on.
    /// </summary>
    public static DenyReason CheckForPartner(X509Certificate2 certificate, RegisteredPartner partner, DateTimeOffset now, out CertificateFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(partner);
        if (!CertificateFacts.TryRead(certificate, out facts))
        {
            return DenyReason.ClientCertificateMalformed;
        }

        var intrinsic = CheckIntrinsic(certificate, facts!, now);
        if (intrinsic != DenyReason.None)
        {
            return intrinsic;
        }

        var chain = BuildChain(certificate, partner, now);
        return chain.Reason != DenyReason.None ? chain.Reason : CheckRevocation(chain, partner, now);
    }

    private static DenyReason CheckIntrinsic(X509Certificate2 certificate, CertificateFacts facts, DateTimeOffset now)
    {
        if (now < new DateTimeOffset(certificate.NotBefore.ToUniversalTime()))
        {
            return DenyReason.ClientCertificateNotYetValid;
        }

        if (now > new DateTimeOffset(certificate.NotAfter.ToUniversalTime()))
        {
            return DenyReason.ClientCertificateExpired;
        }

        // A certificate without an EKU extension is valid for every usage to X509Chain; a partner
        // workload certificate must say clientAuth explicitly.
        return facts.HasClientAuthUsage ? DenyReason.None : DenyReason.ClientCertificateWrongUsage;
    }

    private static ChainVerdict BuildChain(X509Certificate2 certificate, RegisteredPartner partner, DateTimeOffset now)
    {
        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(partner.TrustAnchors);
        policy.ExtraStore.AddRange(partner.Intermediates);
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = now.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        policy.ApplicationPolicy.Add(ClientAuth);

        var built = chain.Build(certificate);
        var elements = chain.ChainElements;
        try
        {
            if (!built)
            {
                return new ChainVerdict(MapChainStatus(chain.ChainStatus), [], now, now);
            }

            // RFC 5280 §6.3: every certificate below the anchor is checked against its issuer's CRL.
            var targets = ImmutableArray.CreateBuilder<RevocationTarget>(elements.Count);
            var notBefore = DateTimeOffset.MinValue;
            var notAfter = DateTimeOffset.MaxValue;
            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i].Certificate;
                notBefore = Max(notBefore, new DateTimeOffset(element.NotBefore.ToUniversalTime()));
                notAfter = Min(notAfter, new DateTimeOffset(element.NotAfter.ToUniversalTime()));
                if (i < elements.Count - 1)
                {
                    targets.Add(new RevocationTarget(LoadedCrl.NormalizeSerial(element.SerialNumber), partner.FindRevocationList(elements[i + 1].Certificate)));
                }
            }

            return new ChainVerdict(DenyReason.None, targets.ToImmutable(), notBefore, notAfter)
            {
                Issuer = elements.Count > 1 ? partner.FindCaCertificate(elements[1].Certificate) : null,
            };
        }
        finally
        {
            foreach (var element in elements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    private static DenyReason CheckRevocation(ChainVerdict chain, RegisteredPartner partner, DateTimeOffset now)
    {
        if (partner.RevocationMode != RevocationMode.Crl)
        {
            return DenyReason.None;
        }

        foreach (var target in chain.RevocationTargets)
        {
            var check = target.List?.Check(target.SerialNumber, now) ?? RevocationCheck.Unknown;
            if (check != RevocationCheck.Good)
            {
                return check == RevocationCheck.Revoked ? DenyReason.ClientCertificateRevoked : DenyReason.RevocationStatusUnknown;
            }
        }

        return DenyReason.None;
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static DenyReason MapChainStatus(X509ChainStatus[] statuses)
    {
        foreach (var status in statuses)
        {
            if ((status.Status & X509ChainStatusFlags.NotValidForUsage) != 0)
            {
                return DenyReason.ClientCertificateWrongUsage;
            }
        }

        return DenyReason.ClientCertificateUntrusted;
    }
}
