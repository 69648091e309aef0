using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Decides whether a client certificate identifies exactly one active partner workload. Pure: no
/// ASP.NET types; the caller supplies the registry snapshot and the time.
/// Order: readable → within validity → clientAuth EKU → maps to one workload → chains to *that*
/// partner's anchors only → not revoked → partner and workload active. Status comes last so that an
/// untrusted certificate learns nothing about which workloads exist or are suspended.
/// </summary>
internal static class PartnerCertificateValidator
{
    private static readonly Oid ClientAuth = new(CertificateFacts.ClientAuthOid);

    public static CertificateValidationResult Validate(X509Certificate2 certificate, PartnerDirectory directory, DateTimeOffset now)
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

        var chainVerdict = CheckChain(certificate, workload.Partner, now);
        if (chainVerdict != DenyReason.None)
        {
            return CertificateValidationResult.Deny(chainVerdict, facts, workload);
        }

        if (workload.Partner.Status != PartnerStatus.Active)
        {
            return CertificateValidationResult.Deny(DenyReason.PartnerNotActive, facts, workload);
        }

        return workload.Status != WorkloadStatus.Active
            ? CertificateValidationResult.Deny(DenyReason.WorkloadNotActive, facts, workload)
            : new CertificateValidationResult(DenyReason.None, workload, facts);
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

    private static DenyReason CheckChain(X509Certificate2 certificate, RegisteredPartner partner, DateTimeOffset now)
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
                return MapChainStatus(chain.ChainStatus);
            }

            return partner.RevocationMode == RevocationMode.Crl ? CheckRevocation(elements, partner, now) : DenyReason.None;
        }
        finally
        {
            foreach (var element in elements)
            {
                element.Certificate.Dispose();
            }
        }
    }

    // RFC 5280 §6.3: every certificate below the anchor is checked against its issuer's CRL.
    private static DenyReason CheckRevocation(X509ChainElementCollection elements, RegisteredPartner partner, DateTimeOffset now)
    {
        for (var i = 0; i < elements.Count - 1; i++)
        {
            var list = partner.FindRevocationList(elements[i + 1].Certificate);
            var check = list?.Check(elements[i].Certificate.SerialNumber, now) ?? RevocationCheck.Unknown;
            if (check == RevocationCheck.Revoked)
            {
                return DenyReason.ClientCertificateRevoked;
            }

            if (check == RevocationCheck.Unknown)
            {
                return DenyReason.RevocationStatusUnknown;
            }
        }

        return DenyReason.None;
    }

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
