using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// The embedded replay cache: keys are stored as SHA-256 hashes with their expiry; expired entries are
/// swept when the cache fills. When it is full of unexpired entries, new keys are refused (fail closed)
/// rather than evicting live ones, which would reopen a replay window.
/// </summary>
internal sealed class InMemoryReplayCache : IReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _entries = new(StringComparer.Ordinal);
    private readonly LastGoodOptions<TokensOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<InMemoryReplayCache> _logger;
    private readonly Lock _sweepLock = new();

    public InMemoryReplayCache(LastGoodOptions<TokensOptions> options, TimeProvider time, ILogger<InMemoryReplayCache> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _time = time;
        _logger = logger;
    }

    public int Count => _entries.Count;

    public ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetUtcNow();
        var hashed = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        if (_entries.Count >= _options.Current.ReplayCacheCapacity && !Sweep(now))
        {
            _logger.ReplayCacheFull(_entries.Count);
            return ValueTask.FromResult(false);
        }

        while (true)
        {
            if (_entries.TryAdd(hashed, expiresAt))
            {
                return ValueTask.FromResult(true);
            }

            if (!_entries.TryGetValue(hashed, out var existing) || existing > now)
            {
                return ValueTask.FromResult(false);
            }

            // The earlier use has expired: the key may be recorded again.
            if (_entries.TryUpdate(hashed, expiresAt, existing))
            {
                return ValueTask.FromResult(true);
            }
        }
    }

    // Removes expired entries; true when there is room afterwards.
    private bool Sweep(DateTimeOffset now)
    {
        lock (_sweepLock)
        {
            foreach (var (key, expiry) in _entries)
            {
                if (expiry <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, DateTimeOffset>(key, expiry));
                }
            }

            return _entries.Count < _options.Current.ReplayCacheCapacity;
        }
    }
}
