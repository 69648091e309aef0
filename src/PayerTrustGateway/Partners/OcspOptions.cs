namespace PayerTrustGateway.Partners;

/// <summary>
/// Online certificate status (OCSP, RFC 6960) for one partner's workload certificates: the leaf is checked
/// against its issuing CA on every request, in addition to the partner's CRL mode (<c>Crl</c> or <c>None</c>).
/// </summary>
public sealed class OcspOptions
{
    /// <summary>The longest <see cref="Timeout"/> allowed: a request waits at most this long for a responder.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Ask the issuing CA's OCSP responder about every workload certificate. Default false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// An absolute <c>http</c> or <c>https</c> URL that replaces the responder named in the certificate's
    /// Authority Information Access extension (id-ad-ocsp). Unset: the certificate's own AIA URL is used, and a
    /// certificate without one has no definitive status.
    /// </summary>
    public string? ResponderUrl { get; set; }

    /// <summary>
    /// What happens without a definitive answer (responder unreachable, slow, erroring, malformed, badly signed,
    /// stale, or answering "unknown"). False (default): the request is refused, 401 <c>revocation-status-unknown</c>.
    /// True: the request goes on; a warning is logged (certificate thumbprint only) and
    /// <c>ptg.partners.ocsp.fail_open</c> counts it. A "revoked" answer is refused either way.
    /// </summary>
    public bool FailOpen { get; set; }

    /// <summary>How long to wait for the responder, from 00:00:00.100 to 00:00:30. Default 00:00:02.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A response whose thisUpdate is older than this, or whose nextUpdate has passed, is not definitive; a "good"
    /// answer is reused until then. From 00:01:00 to 10.00:00:00. Default 1.00:00:00.
    /// </summary>
    public TimeSpan MaxResponseAge { get; set; } = TimeSpan.FromDays(1);
}
