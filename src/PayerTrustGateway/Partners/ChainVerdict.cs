using System.Collections.Immutable;
using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Partners;

/// <summary>
/// The result of building a certificate's chain to its partner's anchors: whether it chains, what
/// must be checked for revocation on each request, and the window in which every element is valid.
/// A pure function of the certificate, the partner's trust material and the time window, so it may be
/// reused for the same certificate while the registry snapshot is unchanged and the clock is inside the window.
/// </summary>
internal sealed record ChainVerdict(
    DenyReason Reason,
    ImmutableArray<RevocationTarget> RevocationTargets,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter)
{
    /// <summary>
    /// The CA that issued the certificate: the partner's own configured certificate object (never a chain
    /// element, which is disposed with the chain), or null when the chain has no issuer below the certificate.
    /// </summary>
    public X509Certificate2? Issuer { get; init; }

    public bool IsValidAt(DateTimeOffset now) => now >= NotBefore && now <= NotAfter;
}

/// <summary>One certificate below the anchor (serial normalised as <see cref="LoadedCrl.NormalizeSerial"/>) and the CRL of its issuer (null when none is configured).</summary>
internal readonly record struct RevocationTarget(string SerialNumber, RevocationList? List);
