using Microsoft.Extensions.Options;
using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Exchange;

/// <summary>Validates <see cref="TokenExchangeOptions"/> and that every cluster names a downstream audience.</summary>
internal sealed class TokenExchangeOptionsValidator : IValidateOptions<TokenExchangeOptions>
{
    private const string Prefix = TokenExchangeOptions.SectionName;
    private readonly IServiceProvider _services;

    public TokenExchangeOptionsValidator(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    public ValidateOptionsResult Validate(string? name, TokenExchangeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{Prefix}:Mode must be Mint or External.");
        }

        if (options.TokenLifetime < TimeSpan.FromSeconds(30) || options.TokenLifetime > TimeSpan.FromHours(1))
        {
            errors.Add($"{Prefix}:TokenLifetime must be between 00:00:30 and 01:00:00.");
        }

        if (options.Issuer is { } issuer && !Uri.TryCreate(issuer, UriKind.Absolute, out _))
        {
            errors.Add($"{Prefix}:Issuer must be an absolute URI.");
        }

        if (options.CacheCapacity is < 1 or > 1_000_000)
        {
            errors.Add($"{Prefix}:CacheCapacity must be between 1 and 1000000.");
        }

        if (options.CacheMinimumRemaining < TimeSpan.Zero || options.CacheMinimumRemaining >= options.TokenLifetime)
        {
            errors.Add($"{Prefix}:CacheMinimumRemaining must be at least zero and shorter than TokenLifetime.");
        }

        if (options.Mode == TokenExchangeMode.External)
        {
            CheckExternal(options.External, errors);
        }

        errors.AddRange(DownstreamAudience.Problems(_services.GetRequiredService<GatedProxyConfigProvider>().Candidate.Clusters));
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckExternal(ExternalTokenServiceOptions external, List<string> errors)
    {
        const string Section = Prefix + ":External";
        if (external.TokenEndpoint is not { IsAbsoluteUri: true } endpoint
            || !(endpoint.Scheme == Uri.UriSchemeHttps || (endpoint.Scheme == Uri.UriSchemeHttp && endpoint.IsLoopback))
            || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            errors.Add($"{Section}:TokenEndpoint must be an absolute https URL without fragment (http only on loopback).");
        }

        if (string.IsNullOrWhiteSpace(external.ClientId))
        {
            errors.Add($"{Section}:ClientId is required (the gateway's client at the authorization server).");
        }

        if (external.AttemptTimeout < TimeSpan.FromMilliseconds(10) || external.AttemptTimeout > TimeSpan.FromSeconds(30))
        {
            errors.Add($"{Section}:AttemptTimeout must be between 10 ms and 30 seconds.");
        }

        if (external.TotalTimeout < external.AttemptTimeout || external.TotalTimeout > TimeSpan.FromSeconds(60))
        {
            errors.Add($"{Section}:TotalTimeout must be at least AttemptTimeout and at most 60 seconds.");
        }

        if (external.MaxRetries is < 0 or > 5)
        {
            errors.Add($"{Section}:MaxRetries must be between 0 and 5.");
        }

        if (external.RetryDelay < TimeSpan.Zero || external.RetryDelay > TimeSpan.FromSeconds(5))
        {
            errors.Add($"{Section}:RetryDelay must be between 0 and 5 seconds.");
        }

        if (external.BreakerFailureRatio is <= 0 or > 1)
        {
            errors.Add($"{Section}:BreakerFailureRatio must be above 0 and at most 1.");
        }

        if (external.BreakerMinimumThroughput < 2)
        {
            errors.Add($"{Section}:BreakerMinimumThroughput must be at least 2.");
        }

        if (external.BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || external.BreakerBreakDuration < TimeSpan.FromMilliseconds(500))
        {
            errors.Add($"{Section}:BreakerSamplingDuration and BreakerBreakDuration must be at least 500 ms.");
        }
    }
}
