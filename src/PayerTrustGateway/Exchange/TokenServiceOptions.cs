namespace PayerTrustGateway.Exchange;

/// <summary>The partner-facing token endpoint (<c>TrustGateway:TokenService</c>): the payer as authorization server for its partners.</summary>
public sealed class TokenServiceOptions
{
    public const string SectionName = "TrustGateway:TokenService";

    /// <summary>Serve <c>POST /token</c> and discovery, and accept the tokens it issues. Default on.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The <c>iss</c> of issued tokens. Default: <c>TrustGateway:Tokens:PublicOrigin</c> without trailing slash.</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> of issued tokens (this gateway as resource server). Default: the issuer.</summary>
    public string? Audience { get; set; }

    /// <summary>Lifetime of issued tokens; at most one hour. Default 5 minutes.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Algorithms accepted for <c>private_key_jwt</c> client assertions. Empty (default): RS384, ES384 (SMART requires both), RS256, ES256, PS256, PS384.</summary>
    /// <remarks>Defaults are applied where the list is read: the configuration binder appends to a pre-filled list.</remarks>
    public List<string> AssertionAlgorithms { get; set; } = [];

    /// <summary>The assertion algorithms in force.</summary>
    public IReadOnlyList<string> EffectiveAssertionAlgorithms => AssertionAlgorithms.Count == 0 ? ["RS384", "ES384", "RS256", "ES256", "PS256", "PS384"] : AssertionAlgorithms;
}
