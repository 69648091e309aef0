using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

/// <summary>The outcome of validating one client certificate against the partner registry.</summary>
internal sealed record CertificateValidationResult(DenyReason Reason, RegisteredWorkload? Workload, CertificateFacts? Facts)
{
    /// <summary>The CA that issued the certificate (the partner's configured certificate), once the chain was built.</summary>
    public X509Certificate2? Issuer { get; init; }

    public bool Succeeded => Reason == DenyReason.None;

    public static CertificateValidationResult Deny(DenyReason reason, CertificateFacts? facts = null, RegisteredWorkload? workload = null) =>
        new(reason, workload, facts);
}
