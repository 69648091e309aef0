namespace PayerTrustGateway.Partners;

/// <summary>Outcome of one revocation lookup (a CRL, or an OCSP responder).</summary>
internal enum RevocationCheck
{
    /// <summary>A current CRL from the issuer does not list the serial, or a current OCSP response says good.</summary>
    Good,

    /// <summary>A current CRL from the issuer lists the serial, or a current OCSP response says revoked.</summary>
    Revoked,

    /// <summary>No definitive answer: no current CRL from the issuer (missing or past nextUpdate), or no valid, current OCSP response.</summary>
    Unknown,
}
