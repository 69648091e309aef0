namespace PayerTrustGateway.Trust;

/// <summary>The partner workload a client certificate was mapped to.</summary>
/// <param name="PartnerId">Partner organisation id from configuration.</param>
/// <param name="WorkloadId">Workload id, unique within the partner.</param>
/// <param name="CertificateThumbprint">RFC 8705 §3.1 <c>x5t#S256</c>: base64url SHA-256 of the certificate DER.</param>
/// <param name="CertificateDer">The leaf certificate as presented (for an optional RFC 9440 Client-Cert header downstream).</param>
internal sealed record WorkloadIdentity(string PartnerId, string WorkloadId, string CertificateThumbprint, ReadOnlyMemory<byte> CertificateDer)
{
    /// <summary>"partner/workload": how policies and logs name a workload.</summary>
    public string QualifiedId { get; } = PartnerId + "/" + WorkloadId;
}
