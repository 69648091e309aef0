namespace PayerTrustGateway.Partners;

/// <summary>How certificate revocation is checked.</summary>
public enum RevocationMode
{
    /// <summary>CRL files from configuration; a missing or stale CRL fails closed.</summary>
    Crl,

    /// <summary>No revocation checking.</summary>
    None,
}
