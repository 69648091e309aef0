namespace PayerTrustGateway.Partners;

/// <summary>Certificate revocation checking for one partner.</summary>
public sealed class RevocationOptions
{
    /// <summary>
    /// <c>Crl</c> (default): every certificate in the chain below the trust anchor must be covered by a
    /// current CRL from <see cref="CrlFiles"/> signed by its issuer, or the request is refused.
    /// <c>None</c>: no revocation checking (say so explicitly).
    /// </summary>
    public RevocationMode Mode { get; set; } = RevocationMode.Crl;

    /// <summary>CRL files (PEM or DER). Each is reloaded from disk when its nextUpdate has passed.</summary>
    public List<string> CrlFiles { get; set; } = [];

    /// <summary>How long to wait before re-reading a CRL file that was still stale at its last reload. Default 30 s.</summary>
    public TimeSpan StaleRetryInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>OCSP checking of workload certificates, in addition to <see cref="Mode"/> (off by default).</summary>
    public OcspOptions Ocsp { get; set; } = new();
}
