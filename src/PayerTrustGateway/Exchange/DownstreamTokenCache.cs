using System.Collections.Concurrent;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// Downstream tokens by the key of everything that shaped them (S6.7). A token is handed out again only
/// while it has the minimum remaining lifetime and does not outlive the current request's partner token.
/// Bounded: when full, expired entries go first, then everything.
/// </summary>
internal sealed class DownstreamTokenCache
{
    private readonly ConcurrentDictionary<string, DownstreamToken> _entries = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public DownstreamTokenCache(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public int Count => _entries.Count;

    public DownstreamToken? Get(string key, DateTimeOffset notAfter, TimeSpan minimumRemaining)
    {
        if (!_entries.TryGetValue(key, out var token))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        if (token.ExpiresAt - now < minimumRemaining)
        {
            _entries.TryRemove(new KeyValuePair<string, DownstreamToken>(key, token));
            return null;
        }

        return token.ExpiresAt <= notAfter ? token : null;
    }

    /// <summary>Keeps <paramref name="token"/> unless it would not be handed out anyway (less than <paramref name="minimumRemaining"/> left).</summary>
    public void Set(string key, DownstreamToken token, int capacity, TimeSpan minimumRemaining)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.ExpiresAt - _time.GetUtcNow() < minimumRemaining)
        {
            return;
        }

        if (_entries.Count >= capacity && !_entries.ContainsKey(key))
        {
            var now = _time.GetUtcNow();
            foreach (var entry in _entries)
            {
                if (entry.Value.ExpiresAt <= now)
                {
                    _entries.TryRemove(entry);
                }
            }

            if (_entries.Count >= capacity)
            {
                _entries.Clear();
            }
        }

        _entries[key] = token;
    }

    /// <summary>Drops every token (signing key or exchange mode changed).</summary>
    public void Clear() => _entries.Clear();
}
