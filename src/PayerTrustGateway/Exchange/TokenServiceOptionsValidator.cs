using Microsoft.Extensions.Options;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Exchange;

/// <summary>Validates <see cref="TokenServiceOptions"/>.</summary>
internal sealed class TokenServiceOptionsValidator : IValidateOptions<TokenServiceOptions>
{
    private const string Prefix = TokenServiceOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, TokenServiceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (options.TokenLifetime < TimeSpan.FromSeconds(30) || options.TokenLifetime > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}:TokenLifetime must be between 00:00:30 and 01:00:00.");
        }

        foreach (var algorithm in options.AssertionAlgorithms)
        {
            if (!SigningAlgorithms.Asymmetric.Contains(algorithm))
            {
                errors.Add($"{Prefix}:AssertionAlgorithms: '{algorithm}' is not an accepted asymmetric JWS algorithm.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
