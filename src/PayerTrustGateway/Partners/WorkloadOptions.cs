namespace PayerTrustGateway.Partners;

/// <summary>
/// One partner workload (a nonhuman client such as a claims-sync job). It is matched by exactly one
/// of <see cref="SanUri"/>, <see cref="SanDns"/> or <see cref="SpkiSha256"/>.
/// </summary>
public sealed class WorkloadOptions
{
    /// <summary><c>Active</c> workloads may call; others are refused (401).</summary>
    public WorkloadStatus Status { get; set; } = WorkloadStatus.Active;

    /// <summary>A SAN uniformResourceIdentifier the certificate must carry, e.g. a SPIFFE id. Exact, case-sensitive.</summary>
    public string? SanUri { get; set; }

    /// <summary>A SAN dNSName the certificate must carry. Exact match, case-insensitive, no wildcards.</summary>
    public string? SanDns { get; set; }

    /// <summary>Base64 SHA-256 of the certificate's SubjectPublicKeyInfo (the HPKP "pin-sha256" form).</summary>
    public string? SpkiSha256 { get; set; }
}
