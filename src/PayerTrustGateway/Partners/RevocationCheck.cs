namespace PayerTrustGateway.Partners;

/// <summary>Outcome of one CRL lookup.</summary>
internal enum RevocationCheck
{
    /// <summary>A current CRL from the issuer does not list the serial.</summary>
    Good,

    /// <summary>A current CRL from the issuer lists the serial.</summary>
    Revoked,

    /// <summary>No current CRL from the issuer is available (missing or past nextUpdate): fail closed.</summary>
    Unknown,
}
