using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Admin;

/// <summary>
/// Configures the framework's JWT bearer handler for the <see cref="AdminAccessOptions.AuthenticationScheme"/>
/// scheme from the last good <see cref="AdminAccessOptions"/>: its issuer, audience, keys and algorithms only,
/// exp and iat required, lifetime capped, claims as sent (no inbound mapping), roles and subject from the
/// configured claims. Rebuilt whole when an accepted reload changes the options (<see cref="AdminTokenOptionsChangeSource"/>).
/// </summary>
internal sealed class AdminTokenOptionsSetup : IConfigureNamedOptions<JwtBearerOptions>
{
    private readonly LastGoodOptions<AdminAccessOptions> _access;
    private readonly TimeProvider _time;

    public AdminTokenOptionsSetup(LastGoodOptions<AdminAccessOptions> access, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(time);
        _access = access;
        _time = time;
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, JwtBearerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.Equals(name, AdminAccessOptions.AuthenticationScheme, StringComparison.Ordinal))
        {
            return;
        }

        var access = _access.Current;
        options.MapInboundClaims = false;
        options.SaveToken = false;
        options.IncludeErrorDetails = false;
        options.RefreshOnIssuerKeyNotFound = false;
        options.TimeProvider = _time;
        options.EventsType = typeof(AdminTokenEvents);
        options.TokenValidationParameters = Parameters(access, LoadKeys(access.KeyFiles), _time);
    }

    public static TokenValidationParameters Parameters(AdminAccessOptions access, IReadOnlyList<SecurityKey> keys, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(access);
        ArgumentNullException.ThrowIfNull(keys);
        return new TokenValidationParameters
        {
            AuthenticationType = AdminAccessOptions.AuthenticationScheme,
            ValidIssuer = access.Issuer,
            ValidAudience = access.Audience,
            IssuerSigningKeys = keys,
            ValidAlgorithms = access.EffectiveAlgorithms,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            RequireAudience = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ClockSkew = access.ClockSkew,
            // IdentityModel reads the system clock (its TimeProvider hook is not public), so the lifetime is judged here.
            LifetimeValidator = Lifetime(time, access.ClockSkew, access.MaxTokenLifetime),
            NameClaimType = access.SubjectClaim,
            RoleClaimType = access.RoleClaim,
        };
    }

    // RFC 7519 §4.1.4-4.1.6 on the injected clock: exp and iat required, nbf honoured, not issued in the
    // future, and exp - iat within MaxTokenLifetime (a long-lived admin token is refused outright).
    private static LifetimeValidator Lifetime(TimeProvider time, TimeSpan skew, TimeSpan maxLifetime)
    {
        var window = TokenLifetime.On(time, skew);
        return (notBefore, expires, token, parameters) =>
        {
            if (!window(notBefore, expires, token, parameters) || token is not JsonWebToken { IssuedAt: var issuedAt, ValidTo: var validTo } || issuedAt == DateTime.MinValue)
            {
                return false;
            }

            var lifetime = validTo - issuedAt;
            return lifetime > TimeSpan.Zero && lifetime <= maxLifetime && issuedAt - skew <= time.GetUtcNow().UtcDateTime;
        };
    }

    // Validated at start and on reload, so the files load; one that vanished since verifies nothing (fail closed).
    private static List<SecurityKey> LoadKeys(List<string> files)
    {
        var keys = new List<SecurityKey>();
        foreach (var file in files)
        {
            if (StaticIssuerKeys.TryLoadFile(file, out var loaded, out _))
            {
                keys.AddRange(loaded);
            }
        }

        return keys;
    }
}
