using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

/// <summary>The outcome of validating one client certificate against the partner registry.</summary>
internal sealed record CertificateValidationResult(DenyReason Reason, RegisteredWorkload? Workload, CertificateFacts? Facts)
{
    public bool Succeeded => Reason == DenyReason.None;

    public static CertificateValidationResult Deny(DenyReason reason, CertificateFacts? facts = null, RegisteredWorkload? workload = null) =>
        new(reason, workload, facts);
}
