using System.Collections.Immutable;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Storage;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// The gateway's signing keys. One key signs; keys replaced by a rotation stay published (JWKS) and keep
/// verifying for the overlap, so every token signed before a rotation verifies until it expires. Generated
/// rings rotate on request or when the signing key reaches <see cref="SigningKeysOptions.RotationInterval"/>
/// (checked when signing, no background job); listed key files rotate by configuration. A ring folder shared
/// by several instances is re-read when it changes (checked every few seconds when signing, and at once
/// for an unknown kid or a JWKS request).
/// </summary>
internal sealed class SigningKeyRing : IIssuerKeySource, IDisposable
{
    private static readonly TimeSpan RefreshCheckInterval = TimeSpan.FromSeconds(5);

    private readonly LastGoodOptions<SigningKeysOptions> _options;
    private readonly LastGoodOptions<StorageOptions> _storage;
    private readonly LastGoodOptions<TokenServiceOptions> _service;
    private readonly LastGoodOptions<TokenExchangeOptions> _exchange;
    private readonly TimeProvider _time;
    private readonly ILogger<SigningKeyRing> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SigningKey> _loaded = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private State? _state;

    public SigningKeyRing(
        LastGoodOptions<SigningKeysOptions> options,
        LastGoodOptions<StorageOptions> storage,
        LastGoodOptions<TokenServiceOptions> service,
        LastGoodOptions<TokenExchangeOptions> exchange,
        TimeProvider time,
        ILogger<SigningKeyRing> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _storage = storage;
        _service = service;
        _exchange = exchange;
        _time = time;
        _logger = logger;
        _subscription = options.OnChange(_ => Reload());
    }

    /// <summary>Raised after the signing key or the published set changed (rotation, reload).</summary>
    public event Action? Changed;

    /// <summary>Raised after this instance rotated the ring: the replaced kid (or null), the new kid, and whether the rotation was scheduled.</summary>
    public event Action<string?, string, bool>? Rotated;

    /// <summary>The key that signs now (rotating first when the generated ring's key is due).</summary>
    public SigningKey Signing
    {
        get
        {
            var state = Fresh();
            var now = _time.GetUtcNow();
            var interval = _options.Current.RotationInterval;
            if (!state.Managed && interval > TimeSpan.Zero && state.Active.Created + interval <= now)
            {
                state = RotateCore(scheduled: true);
            }

            return state.Active.Key;
        }
    }

    /// <summary>How long a replaced key stays published: the configured overlap, never less than the longest token lifetime plus a minute.</summary>
    public TimeSpan EffectiveOverlap
    {
        get
        {
            var longest = _service.Current.TokenLifetime > _exchange.Current.TokenLifetime ? _service.Current.TokenLifetime : _exchange.Current.TokenLifetime;
            var floor = longest + TimeSpan.FromMinutes(1);
            return _options.Current.Overlap > floor ? _options.Current.Overlap : floor;
        }
    }

    /// <summary>The keys published now: the signing key and every replaced key still inside its overlap.</summary>
    public IReadOnlyList<SigningKey> Published()
    {
        var state = Fresh();
        var now = _time.GetUtcNow();
        var overlap = EffectiveOverlap;
        return [.. state.Keys.Where(key => key.Retired is not { } retired || retired + overlap > now).Select(key => key.Key)];
    }

    /// <summary>The ring as the admin API shows it (no key material).</summary>
    public IReadOnlyList<KeyRingEntry> Describe() => [.. Fresh().Keys.Select(key => new KeyRingEntry(key.Key.KeyId, key.Key.Algorithm, key.Created, key.Retired))];

    /// <summary>Whether keys come from configured files (rotated by configuration, not by the gateway).</summary>
    public bool IsManaged => Current().Managed;

    /// <summary>Generates a new signing key; the current one is kept published for the overlap.</summary>
    /// <exception cref="InvalidOperationException">The keys are configured files.</exception>
    public SigningKey Rotate()
    {
        if (Current().Managed)
        {
            throw new InvalidOperationException("Signing keys are configured files; rotate them in TrustGateway:SigningKeys:Files.");
        }

        return RotateCore(scheduled: false).Active.Key;
    }

    public ValueTask<KeyLookup> GetKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var lookup = StaticIssuerKeys.Select(PublishedPublicKeys(), keyId);
        if (lookup.Status == KeyLookupStatus.UnknownKey)
        {
            // Another instance may have rotated the shared ring.
            Refresh(force: true);
            lookup = StaticIssuerKeys.Select(PublishedPublicKeys(), keyId);
        }

        return ValueTask.FromResult(lookup);
    }

    /// <summary>Loads (or generates) the ring now, so a broken ring stops start-up rather than the first request.</summary>
    public void EnsureLoaded() => _ = Current();

    public void Dispose()
    {
        _subscription.Dispose();
        lock (_lock)
        {
            foreach (var key in _loaded.Values)
            {
                key.Dispose();
            }

            _loaded.Clear();
        }
    }

    private List<SecurityKey> PublishedPublicKeys() => [.. Published().Select(key => key.PublicKey)];

    private State Current() => Volatile.Read(ref _state) ?? Refresh(force: true);

    // Re-reads a shared ring folder when it changed, looking at most every few seconds.
    private State Fresh()
    {
        var state = Current();
        return _time.GetElapsedTime(state.CheckedAt) >= RefreshCheckInterval ? Refresh(force: false) : state;
    }

    private void Reload()
    {
        Refresh(force: true);
        Changed?.Invoke();
    }

    private State Refresh(bool force)
    {
        lock (_lock)
        {
            var state = _state;
            var options = _options.Current;
            if (options.Files.Count > 0)
            {
                if (state is { Managed: true } && !force)
                {
                    return state;
                }

                return Publish(LoadFiles(options));
            }

            var directory = new SigningKeyRingDirectory(options.RingDirectory(_storage.Current));
            if (state is { Managed: false } && !force && state.Directory == directory.Path && state.Stamp == directory.Stamp())
            {
                return Publish(state with { CheckedAt = _time.GetTimestamp() });
            }

            return Publish(LoadRing(directory, options));
        }
    }

    private State RotateCore(bool scheduled)
    {
        State rotated;
        (string? Replaced, string Current)? rotation = null;
        lock (_lock)
        {
            var options = _options.Current;
            var directory = new SigningKeyRingDirectory(options.RingDirectory(_storage.Current));
            using (directory.Lock())
            {
                var entries = directory.ReadEntries();
                var now = _time.GetUtcNow();
                var active = entries.LastOrDefault(entry => entry.Retired is null);
                if (scheduled && active is not null && active.Created + options.RotationInterval > now)
                {
                    // Another instance rotated first.
                    return Publish(LoadRing(directory, options));
                }

                var key = SigningKey.Generate(options.Algorithm);
                directory.WriteKey(key);
                _loaded[key.KeyId] = key;
                var overlap = EffectiveOverlap;
                var kept = new List<KeyRingEntry>();
                var removed = new List<string>();
                foreach (var entry in entries)
                {
                    var retired = entry.Retired ?? now;
                    if (retired + overlap <= now)
                    {
                        removed.Add(entry.KeyId);
                    }
                    else
                    {
                        kept.Add(entry with { Retired = retired });
                    }
                }

                kept.Add(new KeyRingEntry(key.KeyId, key.Algorithm, now, null));
                directory.WriteEntries(kept, removed);
                rotated = Publish(LoadRing(directory, options));
                _logger.SigningKeyRotated(key.KeyId, active?.KeyId ?? "-", scheduled ? "scheduled" : "requested", removed.Count);
                rotation = (active?.KeyId, key.KeyId);
            }
        }

        Changed?.Invoke();
        if (rotation is { } done)
        {
            Rotated?.Invoke(done.Replaced, done.Current, scheduled);
        }

        return rotated;
    }

    private State LoadRing(SigningKeyRingDirectory directory, SigningKeysOptions options)
    {
        var stamp = directory.Stamp();
        var entries = directory.ReadEntries();
        if (entries.Count == 0 || entries.All(entry => entry.Retired is not null))
        {
            if (!options.Generate)
            {
                throw new InvalidOperationException($"No signing key in {directory.Path} and TrustGateway:SigningKeys:Generate is off.");
            }

            using (directory.Lock())
            {
                entries = directory.ReadEntries();
                if (entries.Count == 0 || entries.All(entry => entry.Retired is not null))
                {
                    var key = SigningKey.Generate(options.Algorithm);
                    directory.WriteKey(key);
                    _loaded[key.KeyId] = key;
                    entries = [.. entries, new KeyRingEntry(key.KeyId, key.Algorithm, _time.GetUtcNow(), null)];
                    directory.WriteEntries(entries, []);
                    _logger.SigningKeyGenerated(key.KeyId, key.Algorithm, directory.Path);
                }

                stamp = directory.Stamp();
            }
        }

        var keys = entries.Select(entry => new RingKey(Loaded(entry.KeyId, () => directory.LoadKey(entry)), entry.Created, entry.Retired)).ToImmutableArray();
        return new State(keys, keys.Last(key => key.Retired is null), Managed: false, directory.Path, stamp, _time.GetTimestamp());
    }

    private State LoadFiles(SigningKeysOptions options)
    {
        // Validated at start and on reload (SigningKeysOptionsValidator), so every file loads.
        var keys = ImmutableArray.CreateBuilder<RingKey>();
        RingKey? active = null;
        foreach (var file in options.Files)
        {
            var key = LoadFile(file);

            var ringKey = new RingKey(key, DateTimeOffset.MinValue, null);
            keys.Add(ringKey);
            if (file.Signing)
            {
                active = ringKey;
            }
        }

        return new State(keys.ToImmutable(), active!, Managed: true, string.Empty, DateTime.MinValue, _time.GetTimestamp());
    }

    private SigningKey LoadFile(SigningKeyFileOptions file)
    {
        SigningKey? loaded = null;
        try
        {
            if (!SigningKey.TryLoad(file.Path!, file.KeyId, out loaded, out var problem))
            {
                throw new InvalidOperationException($"{SigningKeysOptions.SectionName}:Files: {problem}");
            }

            var key = Loaded(loaded!.KeyId, () => loaded);
            if (ReferenceEquals(key, loaded))
            {
                loaded = null;
            }

            return key;
        }
        finally
        {
            loaded?.Dispose();
        }
    }

    private SigningKey Loaded(string keyId, Func<SigningKey> load)
    {
        if (!_loaded.TryGetValue(keyId, out var key))
        {
            key = load();
            _loaded[keyId] = key;
        }

        return key;
    }

    private State Publish(State state)
    {
        var previous = _state;
        Volatile.Write(ref _state, state);
        if (previous is not null && !ReferenceEquals(previous.Active.Key, state.Active.Key))
        {
            _logger.SigningKeyChanged(state.Active.Key.KeyId);
        }

        return state;
    }

    private sealed record RingKey(SigningKey Key, DateTimeOffset Created, DateTimeOffset? Retired);

    private sealed record State(ImmutableArray<RingKey> Keys, RingKey Active, bool Managed, string Directory, DateTime Stamp, long CheckedAt);
}
