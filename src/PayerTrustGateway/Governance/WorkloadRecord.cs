namespace PayerTrustGateway.Governance;

/// <summary>
/// The stored state of one workload: lifecycle status and certifications, and for a workload registered
/// through the admin API its definition and stewardship. A workload defined in configuration keeps its
/// definition and stewardship there; the store adds its lifecycle status and certifications.
/// </summary>
internal sealed record WorkloadRecord
{
    public required string PartnerId { get; init; }

    public required string Id { get; init; }

    public Partners.WorkloadStatus Status { get; init; }

    /// <summary>Null for a workload defined in configuration.</summary>
    public WorkloadDefinition? Definition { get; init; }

    /// <summary>Null for a workload defined in configuration.</summary>
    public WorkloadStewardship? Stewardship { get; init; }

    public DateTimeOffset? LastCertifiedAt { get; init; }

    public string? LastCertifiedBy { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required string UpdatedBy { get; init; }

    public string QualifiedId => PartnerId + "/" + Id;
}
