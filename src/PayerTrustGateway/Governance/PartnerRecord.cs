namespace PayerTrustGateway.Governance;

/// <summary>
/// The stored state of one partner. For a partner defined in configuration only <see cref="Status"/> is
/// stored (and can only make the configured status stricter); a partner registered through the admin API
/// also carries its <see cref="Definition"/>.
/// </summary>
internal sealed record PartnerRecord
{
    public required string Id { get; init; }

    public Partners.PartnerStatus Status { get; init; }

    /// <summary>Null for a partner defined in configuration.</summary>
    public PartnerDefinition? Definition { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required string UpdatedBy { get; init; }
}
