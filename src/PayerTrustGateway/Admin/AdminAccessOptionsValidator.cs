using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Admin;

/// <summary>
/// Validates <see cref="AdminAccessOptions"/>, reporting every problem with its key. The admin issuer must
/// be an authority of its own: not a partner issuer (<c>TrustGateway:Issuers</c>) and not the gateway's
/// token service, so no partner credential can ever pass as an admin one.
/// </summary>
internal sealed class AdminAccessOptionsValidator : IValidateOptions<AdminAccessOptions>
{
    private const string Prefix = AdminAccessOptions.SectionName;
    private static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    private readonly IOptionsFactory<IssuersOptions> _issuers;
    private readonly IOptionsFactory<TokenServiceOptions> _service;
    private readonly IOptionsFactory<TokensOptions> _tokens;

    public AdminAccessOptionsValidator(IOptionsFactory<IssuersOptions> issuers, IOptionsFactory<TokenServiceOptions> service, IOptionsFactory<TokensOptions> tokens)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tokens);
        _issuers = issuers;
        _service = service;
        _tokens = tokens;
    }

    public ValidateOptionsResult Validate(string? name, AdminAccessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Issuer) || !Uri.TryCreate(options.Issuer, UriKind.Absolute, out _))
        {
            errors.Add($"{Prefix}:Issuer is required: the exact iss of admin tokens, an absolute URI such as https://admin-idp.payer.example.");
        }
        else
        {
            CheckSeparateIssuer(options.Issuer, errors);
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            errors.Add($"{Prefix}:Audience must not be empty (the aud admin tokens name; default payer-trust-gateway-admin).");
        }

        CheckKeys(options, errors);
        if (options.Algorithms.Any(algorithm => !SigningAlgorithms.Asymmetric.Contains(algorithm)))
        {
            errors.Add($"{Prefix}:Algorithms must list asymmetric JWS algorithms only (ES256, PS256, RS256, ...); 'none' and HMAC are never accepted.");
        }

        if (string.IsNullOrWhiteSpace(options.RoleClaim))
        {
            errors.Add($"{Prefix}:RoleClaim must name the claim holding the roles (default roles).");
        }

        if (string.IsNullOrWhiteSpace(options.SubjectClaim))
        {
            errors.Add($"{Prefix}:SubjectClaim must name the claim identifying the caller (default sub).");
        }

        if (options.MaxTokenLifetime < TimeSpan.FromMinutes(1) || options.MaxTokenLifetime > TimeSpan.FromDays(1))
        {
            errors.Add($"{Prefix}:MaxTokenLifetime must be between 00:01:00 and 1.00:00:00.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > MaxSkew)
        {
            errors.Add($"{Prefix}:ClockSkew must be between 00:00:00 and 00:05:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckKeys(AdminAccessOptions options, List<string> errors)
    {
        if (options.KeyFiles.Count == 0)
        {
            errors.Add($"{Prefix}:KeyFiles must list at least one file with the admin issuer's public keys (PEM PUBLIC KEY or JWKS).");
        }

        for (var i = 0; i < options.KeyFiles.Count; i++)
        {
            if (!StaticIssuerKeys.TryLoadFile(options.KeyFiles[i], out _, out var error))
            {
                errors.Add($"{Prefix}:KeyFiles:{i}: {error}.");
            }
        }
    }

    private void CheckSeparateIssuer(string issuer, List<string> errors)
    {
        // The sections as they are now (they may be changing in the same reload). An invalid one reports its
        // own errors, and the admin token handler refuses any issuer the gateway trusts for partners anyway.
        if (TryCreate(_issuers, out var issuers))
        {
            foreach (var (issuerName, partner) in issuers.Issuers)
            {
                if (SameIssuer(issuer, partner.Issuer))
                {
                    errors.Add($"{Prefix}:Issuer '{issuer}' is also the partner issuer TrustGateway:Issuers:{issuerName}; the admin issuer must be a separate authority, so no partner token can administer the gateway.");
                }
            }
        }

        if (TryCreate(_service, out var service) && TryCreate(_tokens, out var tokens) && tokens.PublicOrigin is not null
            && SameIssuer(issuer, TokenServiceEndpoints.From(service, tokens).Issuer))
        {
            errors.Add($"{Prefix}:Issuer '{issuer}' is the gateway's own token service issuer ({TokenServiceOptions.SectionName}); the admin issuer must be a separate authority.");
        }
    }

    // Compared loosely on purpose (case, trailing slash): close variants of a partner issuer are refused too.
    private static bool SameIssuer(string admin, string? other) =>
        other is not null && string.Equals(admin.TrimEnd('/'), other.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    private static bool TryCreate<TOptions>(IOptionsFactory<TOptions> factory, [NotNullWhen(true)] out TOptions? options)
        where TOptions : class
    {
        try
        {
            options = factory.Create(Options.DefaultName);
            return true;
        }
        catch (OptionsValidationException)
        {
            options = null;
            return false;
        }
    }
}
