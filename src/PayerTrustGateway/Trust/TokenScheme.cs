namespace PayerTrustGateway.Trust;

/// <summary>The authorization scheme a request used for its access token.</summary>
internal enum TokenScheme
{
    /// <summary>No token was presented.</summary>
    None,

    /// <summary>RFC 6750 bearer (possibly certificate-bound, RFC 8705).</summary>
    Bearer,

    /// <summary>RFC 9449 DPoP.</summary>
    DPoP,
}
