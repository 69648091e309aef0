namespace PayerTrustGateway.Governance;

/// <summary>
/// A certificate attached to a workload (rotation). Once a workload has any attached certificate it is
/// pinned: only its attached, unretired certificates are accepted (at most two at once, for overlap).
/// </summary>
internal sealed record AttachedCertificate
{
    /// <summary>The certificate's <c>x5t#S256</c> (base64url SHA-256 of the DER).</summary>
    public required string Thumbprint { get; init; }

    public required string PartnerId { get; init; }

    public required string WorkloadId { get; init; }

    public required string Subject { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public required DateTimeOffset AttachedAt { get; init; }

    public required string AttachedBy { get; init; }

    public DateTimeOffset? RetiredAt { get; init; }

    public string? RetiredBy { get; init; }

    public bool IsRetired => RetiredAt is not null;

    public string QualifiedWorkload => PartnerId + "/" + WorkloadId;
}
