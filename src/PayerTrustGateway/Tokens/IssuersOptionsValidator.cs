using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Tokens;

/// <summary>Validates the trusted issuers, reporting every problem with its key.</summary>
internal sealed class IssuersOptionsValidator : IValidateOptions<IssuersOptions>
{
    private static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(60);

    public ValidateOptionsResult Validate(string? name, IssuersOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (issuerName, issuer) in options.Issuers)
        {
            var key = $"TrustGateway:Issuers:{issuerName}";
            if (string.IsNullOrWhiteSpace(issuer.Issuer))
            {
                errors.Add($"{key}:Issuer is required (the exact iss value).");
            }
            else if (!seen.TryAdd(issuer.Issuer, issuerName))
            {
                errors.Add($"{key}:Issuer '{issuer.Issuer}' is already configured as issuer '{seen[issuer.Issuer]}'.");
            }

            CheckKeys(issuer, key, errors);
            if (issuer.Algorithms.Any(a => !SigningAlgorithms.Asymmetric.Contains(a)))
            {
                errors.Add($"{key}:Algorithms must list asymmetric JWS algorithms only (RS256, PS256, ES256, ...); 'none' and HMAC are never accepted.");
            }

            if (issuer.Audiences.Count == 0 || issuer.Audiences.Any(string.IsNullOrWhiteSpace))
            {
                errors.Add($"{key}:Audiences: list this gateway's resource identifier(s) the tokens must name in aud.");
            }

            if (string.IsNullOrWhiteSpace(issuer.RequiredType))
            {
                errors.Add($"{key}:RequiredType must not be empty (RFC 9068 at+jwt).");
            }

            if (issuer.ClockSkew < TimeSpan.Zero || issuer.ClockSkew > MaxSkew)
            {
                errors.Add($"{key}:ClockSkew must be between 00:00:00 and 00:01:00 (RFC 8725 hygiene).");
            }

            if (issuer.MaxTokenLifetime < TimeSpan.FromMinutes(1) || issuer.MaxTokenLifetime > TimeSpan.FromDays(1))
            {
                errors.Add($"{key}:MaxTokenLifetime must be between 00:01:00 and 1.00:00:00.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckKeys(IssuerOptions issuer, string key, List<string> errors)
    {
        var hasJwks = issuer.JwksUri is not null;
        if (hasJwks == (issuer.KeyFiles.Count > 0))
        {
            errors.Add($"{key}: set exactly one of JwksUri or KeyFiles.");
            return;
        }

        if (issuer.JwksUri is { } jwks && (!jwks.IsAbsoluteUri || (jwks.Scheme != Uri.UriSchemeHttps && !jwks.IsLoopback)))
        {
            errors.Add($"{key}:JwksUri must be an absolute https URL.");
        }

        if (issuer.JwksMinimumRefreshInterval < TimeSpan.FromSeconds(1) || issuer.JwksRefreshInterval < issuer.JwksMinimumRefreshInterval)
        {
            errors.Add($"{key}:JwksMinimumRefreshInterval must be at least 00:00:01 and no longer than JwksRefreshInterval.");
        }

        for (var i = 0; i < issuer.KeyFiles.Count; i++)
        {
            if (!StaticIssuerKeys.TryLoadFile(issuer.KeyFiles[i], out _, out var error))
            {
                errors.Add($"{key}:KeyFiles:{i}: {error}.");
            }
        }
    }
}
