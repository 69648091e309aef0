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

    /// <summary>The workload's OAuth client id. Default <c>{partnerId}/{workloadId}</c>. A token's client must map to the certificate's workload.</summary>
    public string? ClientId { get; set; }

    /// <summary>SMART <c>system/</c> scopes the token endpoint may grant this workload (e.g. <c>system/Patient.rs</c>).</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>PEM public key (or JWKS file) for <c>private_key_jwt</c> client assertions (RFC 7523). Optional: mutual TLS alone authenticates the client.</summary>
    public string? AssertionKeyFile { get; set; }

    /// <summary>
    /// Purposes of use this workload is registered for (e.g. <c>urn:oid:2.16.840.1.113883.5.8#COC</c>). Tokens
    /// the gateway issues carry them as <c>purpose_of_use</c> when the client asserts none (UDAP hl7-b2b);
    /// consent checks compare them with the purposes a consent authorises.
    /// </summary>
    public List<string> PurposesOfUse { get; set; } = [];

    /// <summary>Tags policies can admit by (<c>Policies:{name}:WorkloadTags</c>).</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Who operates the workload: <c>System</c> (default) or <c>HumanOperatedApp</c>.</summary>
    public Policy.ActorKind ActorKind { get; set; } = Policy.ActorKind.System;

    /// <summary>The team or person operating the workload (certification-governed workloads, with <see cref="ReviewCadence"/>).</summary>
    public string? Owner { get; set; }

    /// <summary>The accountable sponsor.</summary>
    public string? Sponsor { get; set; }

    /// <summary>Why the workload exists.</summary>
    public string? Purpose { get; set; }

    /// <summary>After this the workload is refused.</summary>
    public DateTimeOffset? ExpiresOn { get; set; }

    /// <summary>How often a reviewer must certify the workload (admin API <c>certify</c>). Unset: not certification-governed.</summary>
    public TimeSpan? ReviewCadence { get; set; }

    /// <summary>When the workload was last certified before the gateway tracked it; certifications through the admin API supersede it.</summary>
    public DateTimeOffset? CertifiedOn { get; set; }
}
