using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Tokens;

/// <summary>exp / nbf checks on the injected clock (RFC 7519 §4.1.4-4.1.5, skew per issuer).</summary>
internal static class TokenLifetime
{
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
