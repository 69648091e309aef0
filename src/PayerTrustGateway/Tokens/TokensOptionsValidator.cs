using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Tokens;

/// <summary>Validates <see cref="TokensOptions"/>.</summary>
internal sealed class TokensOptionsValidator : IValidateOptions<TokensOptions>
{
    private const string Prefix = TokensOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TokensOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.PublicOrigin is not { IsAbsoluteUri: true } origin || origin.Scheme != Uri.UriSchemeHttps || origin.AbsolutePath != "/" || !string.IsNullOrEmpty(origin.Query))
        {
            errors.Add($"{Prefix}:PublicOrigin must be the https origin partners call, such as https://gateway.payer.example (no path).");
        }

        if (options.DpopProofMaxAge <= TimeSpan.Zero || options.DpopProofMaxAge > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{Prefix}:DpopProofMaxAge must be positive and at most 00:05:00.");
        }

        if (options.DpopProofFutureSkew < TimeSpan.Zero || options.DpopProofFutureSkew > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{Prefix}:DpopProofFutureSkew must be between 00:00:00 and 00:01:00.");
        }

        if (options.DpopNonceLifetime < TimeSpan.FromSeconds(10) || options.DpopNonceLifetime > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}:DpopNonceLifetime must be between 00:00:10 and 01:00:00.");
        }

        if (options.ReplayCacheCapacity is < 1000 or > 10_000_000)
        {
            errors.Add($"{Prefix}:ReplayCacheCapacity must be between 1000 and 10000000.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
