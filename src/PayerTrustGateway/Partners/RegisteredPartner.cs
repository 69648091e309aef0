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

    /// <summary>OCSP checking of workload certificates, in addition to <see cref="RevocationMode"/>; null when off (and for partners registered through the admin API).</summary>
    public OcspPolicy? Ocsp { get; init; }

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

    /// <summary>
    /// The partner's own configured CA certificate (anchor or intermediate) equal to <paramref name="element"/>,
    /// so that a caller can keep it after the chain that found <paramref name="element"/> is disposed.
    /// </summary>
    public X509Certificate2? FindCaCertificate(X509Certificate2 element)
    {
        ArgumentNullException.ThrowIfNull(element);
        foreach (var collection in (ReadOnlySpan<X509Certificate2Collection>)[TrustAnchors, Intermediates])
        {
            foreach (var certificate in collection)
            {
                if (certificate.RawDataMemory.Span.SequenceEqual(element.RawDataMemory.Span))
                {
                    return certificate;
                }
            }
        }

        return null;
    }
}
