namespace PayerTrustGateway.Tokens;

/// <summary>Trusted access-token issuers: <c>TrustGateway:Issuers:{name}</c>. The gateway's own token service is always trusted.</summary>
public sealed class IssuersOptions
{
    public const string SectionName = "TrustGateway";

    /// <summary>Issuers by name (the name appears in logs and audit).</summary>
    public Dictionary<string, IssuerOptions> Issuers { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One trusted issuer of access tokens (RFC 9068, validated per RFC 8725).</summary>
public sealed class IssuerOptions
{
    /// <summary>The exact <c>iss</c> value (no normalisation: a trailing slash matters).</summary>
    public string? Issuer { get; set; }

    /// <summary>HTTPS URL of the issuer's JWKS. Cached; an unknown <c>kid</c> triggers a rate-limited refresh.</summary>
    public Uri? JwksUri { get; set; }

    /// <summary>Files with the issuer's public keys (PEM <c>PUBLIC KEY</c> or a JWKS JSON document), instead of <see cref="JwksUri"/>.</summary>
    public List<string> KeyFiles { get; set; } = [];

    /// <summary>Accepted signature algorithms. Empty (default): RS256, PS256, ES256. <c>none</c> and HMAC are never accepted.</summary>
    /// <remarks>Defaults are applied where the list is read: the configuration binder appends to a pre-filled list.</remarks>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>The algorithms in force: <see cref="Algorithms"/>, or the defaults when none are listed.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms => Algorithms.Count == 0 ? ["RS256", "PS256", "ES256"] : Algorithms;

    /// <summary>Accepted <c>aud</c> values; the token must name at least one.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>Required JOSE <c>typ</c> (RFC 9068 §2.1), compared case-insensitively; <c>application/</c> prefix allowed. Default <c>at+jwt</c>.</summary>
    public string RequiredType { get; set; } = "at+jwt";

    /// <summary>Allowed clock skew for exp/nbf/iat, at most 60 s. Default 30 s.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest accepted token lifetime (exp − iat). Default 1 hour.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Each token's jti may be used once (replay cache until exp).</summary>
    public bool SingleUse { get; set; }

    /// <summary>How long fetched JWKS keys are used before a background refresh is due. Default 1 hour.</summary>
    public TimeSpan JwksRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Minimum time between JWKS fetches triggered by unknown kids. Default 30 s.</summary>
    public TimeSpan JwksMinimumRefreshInterval { get; set; } = TimeSpan.FromSeconds(30);
}
