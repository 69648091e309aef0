namespace PayerTrustGateway.Governance;

/// <summary>A certificate revoked at the gateway by thumbprint: refused from the next request on, whatever its CA says.</summary>
internal sealed record CertificateRevocation
{
    /// <summary><c>x5t#S256</c> of the certificate.</summary>
    public required string Thumbprint { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset RevokedAt { get; init; }

    public required string RevokedBy { get; init; }
}
