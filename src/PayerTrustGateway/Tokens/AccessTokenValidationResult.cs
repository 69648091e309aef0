using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tokens;

/// <summary>The outcome of validating an access token's signature and claims (binding is checked after).</summary>
/// <param name="Reason"><see cref="DenyReason.None"/> when valid.</param>
/// <param name="Detail">Why, for the log (never sent to the caller).</param>
/// <param name="Identity">The validated token's facts (binding not yet verified).</param>
/// <param name="CertificateThumbprint">The token's <c>cnf.x5t#S256</c>, if any.</param>
/// <param name="JwkThumbprint">The token's <c>cnf.jkt</c>, if any.</param>
/// <param name="SingleUse">The issuer makes each token single-use.</param>
internal sealed record AccessTokenValidationResult(
    DenyReason Reason,
    string Detail,
    TokenIdentity? Identity = null,
    string? CertificateThumbprint = null,
    string? JwkThumbprint = null,
    bool SingleUse = false)
{
    /// <summary>The validated token's exact <c>iss</c>.</summary>
    public string IssuerValue { get; init; } = string.Empty;

    public static AccessTokenValidationResult Deny(DenyReason reason, string detail) => new(reason, detail);
}
