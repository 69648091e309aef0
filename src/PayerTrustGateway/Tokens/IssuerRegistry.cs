using System.Collections.Frozen;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// The trusted issuers by <c>iss</c>: those configured under <c>TrustGateway:Issuers</c> plus the
/// gateway's own token service. Rebuilt whole on an accepted configuration change.
/// </summary>
internal sealed class IssuerRegistry : IDisposable
{
    private readonly LastGoodOptions<IssuersOptions> _issuers;
    private readonly LastGoodOptions<TokenServiceOptions> _service;
    private readonly LastGoodOptions<TokensOptions> _tokens;
    private readonly IServiceProvider _services;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _time;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _lock = new();
    private FrozenDictionary<string, IssuerEntry>? _current;

    public IssuerRegistry(
        LastGoodOptions<IssuersOptions> issuers,
        LastGoodOptions<TokenServiceOptions> service,
        LastGoodOptions<TokensOptions> tokens,
        IServiceProvider services,
        IHttpClientFactory http,
        TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _issuers = issuers;
        _service = service;
        _tokens = tokens;
        _services = services;
        _http = http;
        _time = time;
        // The gateway's own issuer entry depends on the token service and the public origin too.
        _subscriptions.Add(issuers.OnChange(_ => Rebuild()));
        _subscriptions.Add(service.OnChange(_ => Rebuild()));
        _subscriptions.Add(tokens.OnChange(_ => Rebuild()));
    }

    /// <summary>The HttpClient name used for JWKS fetches.</summary>
    public const string JwksClientName = "jwks";

    public IssuerEntry? Find(string issuer)
    {
        var current = Volatile.Read(ref _current) ?? Initialize();
        return current.TryGetValue(issuer, out var entry) ? entry : null;
    }

    /// <summary>Identity of the current snapshot: changes whenever the trusted issuers or their key sources change.</summary>
    public object Snapshot => Volatile.Read(ref _current) ?? Initialize();

    /// <summary>Builds the registry now (at start-up) rather than at the first token.</summary>
    public void EnsureBuilt() => _ = Volatile.Read(ref _current) ?? Initialize();

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Rebuild()
    {
        lock (_lock)
        {
            Volatile.Write(ref _current, Build());
        }
    }

    private FrozenDictionary<string, IssuerEntry> Initialize()
    {
        lock (_lock)
        {
            return _current ??= Build();
        }
    }

    private FrozenDictionary<string, IssuerEntry> Build()
    {
        var entries = new Dictionary<string, IssuerEntry>(StringComparer.Ordinal);
        foreach (var (name, options) in _issuers.Current.Issuers)
        {
            IIssuerKeySource keys = options.JwksUri is { } jwks
                ? new RemoteJwksKeySource(jwks, _http.CreateClient(JwksClientName), _time, options.JwksRefreshInterval, options.JwksMinimumRefreshInterval)
                : new StaticIssuerKeys(LoadKeyFiles(options.KeyFiles));
            entries[options.Issuer!] = new IssuerEntry(
                name,
                options.Issuer!,
                options.EffectiveAlgorithms.ToFrozenSet(StringComparer.Ordinal),
                [.. options.Audiences],
                options.RequiredType,
                options.ClockSkew,
                options.MaxTokenLifetime,
                options.SingleUse,
                keys);
        }

        var service = _service.Current;
        if (service.Enabled)
        {
            var endpoints = TokenServiceEndpoints.From(service, _tokens.Current);
            // The ring is the key source: keys rotated in stay trusted for their overlap, found by kid.
            entries[endpoints.Issuer] = new IssuerEntry(
                "gateway", endpoints.Issuer, SigningKey.SupportedAlgorithms.ToFrozenSet(StringComparer.Ordinal), [endpoints.Audience],
                "at+jwt", TimeSpan.FromSeconds(30), service.TokenLifetime, SingleUse: false, _services.GetRequiredService<SigningKeyRing>());
        }

        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }

    // Validated at start and on reload (IssuersOptionsValidator), so the files load.
    private static List<Microsoft.IdentityModel.Tokens.SecurityKey> LoadKeyFiles(List<string> files)
    {
        var keys = new List<Microsoft.IdentityModel.Tokens.SecurityKey>();
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
