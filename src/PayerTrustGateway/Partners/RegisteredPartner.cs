using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.Partners;

/// <summary>A partner as the request path sees it: status and its own trust material, loaded once per snapshot.</summary>
internal sealed record RegisteredPartner(
    string Id,
    string DisplayName,
    PartnerStatus Status,
    X509Certificate2Collection TrustAnchors,
    X509Certificate2Collection Intermediates,
    RevocationMode RevocationMode,
    ImmutableArray<RevocationList> RevocationLists)
{
    /// <summary>The partner's UDAP B2B organization id, if configured.</summary>
    public string? OrganizationId { get; init; }

    /// <summary>Where the partner is defined.</summary>
    public EstateSource Source { get; init; }

    /// <summary>The latest recorded security posture, if any.</summary>
    public Governance.PostureSignal? Posture { get; init; }

    /// <summary>The CRL signed by <paramref name="issuer"/>, if one is configured.</summary>
    public RevocationList? FindRevocationList(X509Certificate2 issuer)
    {
        foreach (var list in RevocationLists)
        {
            if (list.Issuer.RawDataMemory.Span.SequenceEqual(issuer.RawDataMemory.Span))
            {
                return list;
            }
        }

        return null;
    }
}
