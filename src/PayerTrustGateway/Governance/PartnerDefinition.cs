using System.Collections.Immutable;

namespace PayerTrustGateway.Governance;

/// <summary>A partner registered through the admin API: its name and its own trust material (PEM text).</summary>
internal sealed record PartnerDefinition
{
    public required string DisplayName { get; init; }

    public string? OrganizationId { get; init; }

    /// <summary>PEM CA certificates the partner's workload certificates must chain to (never system roots).</summary>
    public ImmutableArray<string> TrustAnchors { get; init; } = [];

    /// <summary>PEM intermediate CA certificates used to build chains.</summary>
    public ImmutableArray<string> Intermediates { get; init; } = [];

    /// <summary><c>Crl</c>: <see cref="Crls"/> must cover every issuing CA; <c>None</c>: only gateway-side revocation by thumbprint.</summary>
    public Partners.RevocationMode RevocationMode { get; init; } = Partners.RevocationMode.Crl;

    /// <summary>PEM CRLs. Replaced through the admin API; a stale one fails closed until it is.</summary>
    public ImmutableArray<string> Crls { get; init; } = [];
}
