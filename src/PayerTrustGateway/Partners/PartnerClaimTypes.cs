namespace PayerTrustGateway.Partners;

/// <summary>Claims on the principal the certificate scheme produces.</summary>
internal static class PartnerClaimTypes
{
    public const string PartnerId = "partner_id";
    public const string WorkloadId = "workload_id";

    /// <summary>RFC 8705 §3.1 confirmation thumbprint of the presented certificate.</summary>
    public const string CertificateThumbprint = "x5t#S256";
}
