namespace PayerTrustGateway.Tokens;

/// <summary>Inbound token and DPoP handling (<c>TrustGateway:Tokens</c>).</summary>
public sealed class TokensOptions
{
    public const string SectionName = "TrustGateway:Tokens";

    /// <summary>
    /// The gateway's public origin as partners address it (e.g. <c>https://gateway.payer.example</c>).
    /// DPoP <c>htu</c> and the token endpoint URL are built from it, never from Host or X-Forwarded-* (S2.5).
    /// </summary>
    public Uri? PublicOrigin { get; set; }

    /// <summary>How old a DPoP proof's iat may be. Default 60 s (RFC 9449 §11.1).</summary>
    public TimeSpan DpopProofMaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How far in the future a DPoP proof's iat may be. Default 5 s.</summary>
    public TimeSpan DpopProofFutureSkew { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Require a server-issued nonce in DPoP proofs (RFC 9449 §9). Default off.</summary>
    public bool RequireDpopNonce { get; set; }

    /// <summary>How long an issued DPoP nonce stays acceptable. Default 5 minutes.</summary>
    public TimeSpan DpopNonceLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Most entries the in-memory replay cache holds; when full of unexpired entries, new ones are refused (fail closed). Default 100000.</summary>
    public int ReplayCacheCapacity { get; set; } = 100_000;
}
