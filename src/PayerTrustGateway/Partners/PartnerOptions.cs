namespace PayerTrustGateway.Partners;

/// <summary>One partner organisation (a payer calling this gateway).</summary>
public sealed class PartnerOptions
{
    /// <summary>Human-readable name, for operators and audit.</summary>
    public string? DisplayName { get; set; }

    /// <summary>
    /// The organisation id this partner asserts in UDAP B2B client assertions
    /// (<c>extensions.hl7-b2b.organization_id</c>, STANDARDS S7.7). An assertion carrying another id, or any
    /// id when none is configured here, is refused.
    /// </summary>
    public string? OrganizationId { get; set; }

    /// <summary><c>Active</c> partners may call; <c>Suspended</c> and <c>Retired</c> partners are refused (401).</summary>
    public PartnerStatus Status { get; set; } = PartnerStatus.Active;

    /// <summary>
    /// Files holding this partner's trust anchors (PEM, one or more certificates, or DER). A client
    /// certificate must chain to one of these; never to the system store or another partner's anchors.
    /// </summary>
    public List<string> TrustAnchors { get; set; } = [];

    /// <summary>Files holding intermediate CA certificates used to build chains (PEM or DER).</summary>
    public List<string> Intermediates { get; set; } = [];

    /// <summary>How certificate revocation is checked for this partner.</summary>
    public RevocationOptions Revocation { get; set; } = new();

    /// <summary>The partner's workloads by id (unique within the partner).</summary>
    public Dictionary<string, WorkloadOptions> Workloads { get; set; } = new(StringComparer.Ordinal);
}
