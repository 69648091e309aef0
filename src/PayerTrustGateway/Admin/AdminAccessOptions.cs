namespace PayerTrustGateway.Admin;

/// <summary>
/// Who may call the admin listener (<c>TrustGateway:AdminAccess</c>): bearer JWTs signed by one admin
/// issuer (never a partner issuer, never the gateway's own token service), carrying the caller's roles
/// (see <see cref="AdminRoles"/>). Required: the gateway does not start without it.
/// </summary>
public sealed class AdminAccessOptions
{
    public const string SectionName = "TrustGateway:AdminAccess";

    /// <summary>The authentication scheme of admin tokens.</summary>
    public const string AuthenticationScheme = "AdminToken";

    /// <summary>The exact <c>iss</c> of admin tokens: an absolute URI (no normalisation: a trailing slash matters).</summary>
    public string? Issuer { get; set; }

    /// <summary>The <c>aud</c> admin tokens must name. Default <c>payer-trust-gateway-admin</c>.</summary>
    public string Audience { get; set; } = "payer-trust-gateway-admin";

    /// <summary>
    /// Files with the admin issuer's public keys: PEM <c>PUBLIC KEY</c> or a JWKS JSON document, at least one.
    /// Read when the configuration is (re)loaded: to change keys, change this list (or the file and then the configuration).
    /// </summary>
    public List<string> KeyFiles { get; set; } = [];

    /// <summary>Accepted signature algorithms. Empty (default): ES256, PS256, RS256. <c>none</c> and HMAC are never accepted.</summary>
    /// <remarks>Defaults are applied where the list is read: the configuration binder appends to a pre-filled list.</remarks>
    public List<string> Algorithms { get; set; } = [];

    /// <summary>The algorithms in force: <see cref="Algorithms"/>, or the defaults when none are listed.</summary>
    public IReadOnlyList<string> EffectiveAlgorithms => Algorithms.Count == 0 ? ["ES256", "PS256", "RS256"] : Algorithms;

    /// <summary>The claim holding the caller's roles (a JSON array of strings, or one string). Default <c>roles</c>.</summary>
    public string RoleClaim { get; set; } = "roles";

    /// <summary>The claim naming the caller; it is the actor of every admin change in the audit trail. Default <c>sub</c>.</summary>
    public string SubjectClaim { get; set; } = "sub";

    /// <summary>Longest accepted token lifetime (exp − iat; both are required). Default 1 hour, at most 1 day.</summary>
    public TimeSpan MaxTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Allowed clock skew for exp, nbf and iat. Default 30 s, at most 5 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
