using System.Security.Cryptography;
using System.Text;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Tokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// Obtains the downstream token for one allowed request in the configured mode: minted by the gateway
/// (default) or exchanged at the external service. Checks the partner token's <c>may_act</c> first (S6.5:
/// it must name the gateway, or nothing is asked for), and reuses tokens only as <see cref="DownstreamTokenCache"/> allows.
/// </summary>
internal sealed class DownstreamTokenService : IDisposable
{
    private readonly LastGoodOptions<TokenExchangeOptions> _options;
    private readonly LastGoodOptions<TokenServiceOptions> _service;
    private readonly LastGoodOptions<TokensOptions> _tokens;
    private readonly DownstreamTokenMinter _minter;
    private readonly ExternalTokenExchangeClient _external;
    private readonly DownstreamTokenCache _cache;
    private readonly SigningKeyRing _keys;
    private readonly ExchangeMetrics _metrics;
    private readonly IDisposable _subscription;

    public DownstreamTokenService(
        LastGoodOptions<TokenExchangeOptions> options,
        LastGoodOptions<TokenServiceOptions> service,
        LastGoodOptions<TokensOptions> tokens,
        DownstreamTokenMinter minter,
        ExternalTokenExchangeClient external,
        DownstreamTokenCache cache,
        SigningKeyRing keys,
        ExchangeMetrics metrics)
    {
        _options = options;
        _service = service;
        _tokens = tokens;
        _minter = minter;
        _external = external;
        _cache = cache;
        _keys = keys;
        _metrics = metrics;
        // A token shaped by an earlier configuration or key is never handed out again.
        _subscription = options.OnChange(_ => cache.Clear());
        keys.Changed += cache.Clear;
    }

    /// <summary>The identity <c>may_act</c> must name: the gateway's issuer (mint) or its client at the external service.</summary>
    public string GatewayIdentity(TokenExchangeOptions options) =>
        options.Mode == TokenExchangeMode.External ? options.External.ClientId! : MintIssuer(options);

    public async ValueTask<DownstreamTokenOutcome> GetAsync(DownstreamTokenRequest request, string subjectToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(subjectToken);
        var options = _options.Current;
        if (request.MayActSubject is { } mayAct && !string.Equals(mayAct, GatewayIdentity(options), StringComparison.Ordinal))
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeRefused, "may_act does not name the gateway");
        }

        var external = options.Mode == TokenExchangeMode.External;
        var caching = external ? options.External.CacheTokens : options.CacheMintedTokens;
        var key = caching ? request.CacheKey(external ? Fingerprint(subjectToken) : null) : null;
        if (key is not null && _cache.Get(key, request.NotAfter, options.CacheMinimumRemaining) is { } cached)
        {
            _metrics.Obtained("cache");
            return DownstreamTokenOutcome.Issued(cached, "cached");
        }

        var started = _metrics.Start();
        var outcome = external
            ? await _external.ExchangeAsync(request, subjectToken, options.External, cancellationToken)
            : _minter.Mint(request, MintIssuer(options), options.TokenLifetime);
        _metrics.Finished(external ? "external" : "mint", outcome.Reason, started);
        if (key is not null && outcome.Token is { } token)
        {
            // S6.7: never beyond the earlier of the two exp values.
            var bounded = token.ExpiresAt <= request.NotAfter ? token : token with { ExpiresAt = request.NotAfter };
            _cache.Set(key, bounded, options.CacheCapacity, options.CacheMinimumRemaining);
        }

        return outcome;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _keys.Changed -= _cache.Clear;
    }

    /// <summary>The <c>iss</c> of the tokens the gateway mints now.</summary>
    public string MintIssuer() => MintIssuer(_options.Current);

    private string MintIssuer(TokenExchangeOptions options) =>
        string.IsNullOrWhiteSpace(options.Issuer) ? TokenServiceEndpoints.From(_service.Current, _tokens.Current).Issuer : options.Issuer;

    // The partner token identifies the cache entry only through its hash.
    private static string Fingerprint(string subjectToken) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(subjectToken)));
}
