using System.Collections.Concurrent;

namespace PayerTrustGateway.Partners;

/// <summary>
/// Definitive OCSP answers by certificate. A "good" answer is reused until min(nextUpdate, thisUpdate +
/// MaxResponseAge) — the smaller MaxResponseAge of when it was stored and when it is read wins; a "revoked"
/// answer is final for that certificate; "unknown" is never stored. Bounded: when full, expired entries are
/// swept; if it is still full a "good" answer is not stored (the next request asks again) and a "revoked"
/// one displaces a "good" one. Safe for concurrent use; concurrent inserts may overshoot the bound by a few.
/// </summary>
internal sealed class OcspResponseCache
{
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<OcspCacheKey, Entry> _entries = new();
    private readonly int _capacity;

    public OcspResponseCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    public int Count => _entries.Count;

    /// <summary>The stored answer that still counts at <paramref name="now"/> under <paramref name="maxAge"/>, or null.</summary>
    public OcspAnswer? Get(OcspCacheKey key, DateTimeOffset now, TimeSpan maxAge)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            return null;
        }

        if (entry.Answer.Status == RevocationCheck.Revoked)
        {
            return entry.Answer;
        }

        if (now <= entry.ExpiresAt && entry.Answer.IsCurrentAt(now, maxAge))
        {
            return entry.Answer;
        }

        _entries.TryRemove(KeyValuePair.Create(key, entry));
        return null;
    }

    public void Set(OcspCacheKey key, OcspAnswer answer, DateTimeOffset now, TimeSpan maxAge)
    {
        if (answer.Status == RevocationCheck.Unknown)
        {
            return;
        }

        var expiresAt = answer.Status == RevocationCheck.Revoked
            ? DateTimeOffset.MaxValue
            : Min(answer.ThisUpdate + maxAge, answer.NextUpdate ?? DateTimeOffset.MaxValue);
        if (!_entries.ContainsKey(key) && _entries.Count >= _capacity && !MakeRoom(answer.Status, now))
        {
            return;
        }

        var entry = new Entry(answer, expiresAt);
        // A revoked certificate stays revoked: a later "good" never replaces it.
        _entries.AddOrUpdate(key, entry, (_, existing) => existing.Answer.Status == RevocationCheck.Revoked ? existing : entry);
    }

    private bool MakeRoom(RevocationCheck incoming, DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.ExpiresAt < now)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        if (_entries.Count < _capacity)
        {
            return true;
        }

        if (incoming != RevocationCheck.Revoked)
        {
            return false;
        }

        foreach (var (key, entry) in _entries)
        {
            if (entry.Answer.Status == RevocationCheck.Good && _entries.TryRemove(KeyValuePair.Create(key, entry)))
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record Entry(OcspAnswer Answer, DateTimeOffset ExpiresAt);
}
