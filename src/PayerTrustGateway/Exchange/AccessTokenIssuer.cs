using System.Collections.Immutable;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// Mints the partner-facing access tokens: RFC 9068 <c>at+jwt</c>, signed with the gateway's signing key,
/// <c>sub</c> = <c>client_id</c> = the workload's client (client credentials), a fresh jti, and a
/// <c>cnf</c> binding to the certificate (RFC 8705 §3.1) and, when a DPoP proof was given, its key (RFC 9449 §6.1).
/// </summary>
internal sealed class AccessTokenIssuer
{
    private readonly SigningKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AccessTokenIssuer(SigningKeyRing keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        _keys = keys;
        _time = time;
    }

    public IssuedToken Issue(RegisteredWorkload workload, ImmutableArray<string> scopes, string certificateThumbprint, string? jwkThumbprint, TokenServiceEndpoints endpoints, TimeSpan lifetime, ImmutableArray<string> purposesOfUse = default)
    {
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(endpoints);
        var now = _time.GetUtcNow();
        var jti = Guid.NewGuid().ToString("N");
        var confirmation = new Dictionary<string, object> { ["x5t#S256"] = certificateThumbprint };
        if (jwkThumbprint is not null)
        {
            confirmation["jkt"] = jwkThumbprint;
        }

        var claims = new Dictionary<string, object>
        {
            ["sub"] = workload.ClientId,
            ["client_id"] = workload.ClientId,
            ["jti"] = jti,
            ["scope"] = string.Join(' ', scopes),
            ["cnf"] = confirmation,
        };
        if (!purposesOfUse.IsDefaultOrEmpty)
        {
            claims["purpose_of_use"] = purposesOfUse.ToArray();
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = endpoints.Issuer,
            Audience = endpoints.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            TokenType = "at+jwt",
            SigningCredentials = _keys.Signing.Credentials,
            Claims = claims,
        });
        return new IssuedToken(token, jti, lifetime, scopes, jwkThumbprint is null ? "Bearer" : "DPoP");
    }
}

/// <summary>A minted token and what the token response says about it.</summary>
internal sealed record IssuedToken(string AccessToken, string TokenId, TimeSpan Lifetime, ImmutableArray<string> Scopes, string TokenType)
{
    /// <summary>RFC 8693 <c>issued_token_type</c>, for token-exchange answers.</summary>
    public string? IssuedTokenType { get; init; }
}
