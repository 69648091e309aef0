using System.Collections.Immutable;
using System.Net;

namespace PayerTrustGateway.Sandbox;

/// <summary>What a generated leaf certificate should say.</summary>
internal sealed record LeafCertificateSpec(string CommonName)
{
    public ImmutableArray<string> SanUris { get; init; } = [];

    public ImmutableArray<string> SanDnsNames { get; init; } = [];

    public ImmutableArray<IPAddress> SanIpAddresses { get; init; } = [];

    /// <summary>Extended key usages (OIDs). Empty: no EKU extension at all.</summary>
    public ImmutableArray<string> ExtendedKeyUsages { get; init; } = [ClientAuth];

    /// <summary>OCSP responder URLs for the Authority Information Access extension (id-ad-ocsp, RFC 5280 §4.2.2.1). Empty: no AIA extension.</summary>
    public ImmutableArray<string> OcspUris { get; init; } = [];

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    public const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    public const string OcspSigning = "1.3.6.1.5.5.7.3.9";
}
