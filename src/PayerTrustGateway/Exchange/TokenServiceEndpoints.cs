using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Exchange;

/// <summary>The token service's public identifiers, derived once from configuration.</summary>
/// <param name="Issuer">The <c>iss</c> of issued tokens.</param>
/// <param name="Audience">The <c>aud</c> of issued tokens.</param>
/// <param name="TokenEndpoint">The exact token endpoint URL (client assertion <c>aud</c>, DPoP <c>htu</c>).</param>
internal sealed record TokenServiceEndpoints(string Issuer, string Audience, Uri TokenEndpoint)
{
    public const string TokenPath = "/token";

    public static TokenServiceEndpoints From(TokenServiceOptions service, TokensOptions tokens)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tokens);
        var origin = tokens.PublicOrigin ?? throw new InvalidOperationException("TrustGateway:Tokens:PublicOrigin is required.");
        var issuer = string.IsNullOrWhiteSpace(service.Issuer) ? origin.GetLeftPart(UriPartial.Authority) : service.Issuer;
        var audience = string.IsNullOrWhiteSpace(service.Audience) ? issuer : service.Audience;
        return new TokenServiceEndpoints(issuer, audience, new Uri(origin, TokenPath));
    }
}
