using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Tokens;

/// <summary>exp / nbf checks on the injected clock (RFC 7519 §4.1.4-4.1.5, skew per issuer).</summary>
internal static class TokenLifetime
{
    /// <summary>
    /// The largest clock skew any issuer may be configured with. One-time identifiers are remembered until
    /// exp plus this, so a token or assertion still accepted within its skew can never be recorded again.
    /// </summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(60);

    public static LifetimeValidator On(TimeProvider time, TimeSpan skew)
    {
        ArgumentNullException.ThrowIfNull(time);
        return (notBefore, expires, _, _) =>
        {
            var now = time.GetUtcNow().UtcDateTime;
            return expires is { } exp
                && now < exp.ToUniversalTime() + skew
                && (notBefore is not { } nbf || nbf.ToUniversalTime() - skew <= now);
        };
    }
}
