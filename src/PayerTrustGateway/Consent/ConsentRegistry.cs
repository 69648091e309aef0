using System.Collections.Concurrent;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Consent;

/// <summary>
/// Read side of the consent registry used on the request path. Each lookup first reads the store's change
/// position (one indexed read); when another writer — this process, an operator command or another
/// instance — has committed since, the members it changed are dropped from memory before the lookup. A
/// member's consents are cached only when they were read at exactly the position the cache is synced to,
/// so a lookup that starts after a revocation committed can never be answered from an older read.
/// </summary>
internal sealed class ConsentRegistry : IDisposable
{
    private readonly IConsentStore _store;
    private readonly LastGoodOptions<ConsentOptions> _options;
    private readonly ConcurrentDictionary<string, MemberConsents> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sync = new(1, 1);
    private readonly Lock _gate = new();
    private readonly IDisposable _subscription;
    private ConsentRules? _rules;
    private long _synced = -1;

    public ConsentRegistry(IConsentStore store, LastGoodOptions<ConsentOptions> options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _subscription = options.OnChange(changed => Volatile.Write(ref _rules, ConsentRules.From(changed)));
    }

    /// <summary>The consent rules in force (data classes, sensitive data, guard mode).</summary>
    public ConsentRules Rules => Volatile.Read(ref _rules) ?? InitializeRules();

    /// <summary>Members held in memory now.</summary>
    public int CachedMembers => _cache.Count;

    /// <summary>The member's current consents, never older than the store position read at the start of this call.</summary>
    public async ValueTask<MemberConsents> GetAsync(string memberKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberKey);
        var position = await _store.GetPositionAsync(cancellationToken);
        if (position > Volatile.Read(ref _synced))
        {
            await SyncAsync(position, cancellationToken);
        }

        if (_cache.TryGetValue(memberKey, out var cached))
        {
            return cached;
        }

        var fresh = await _store.FindByMemberAsync(memberKey, cancellationToken);
        var capacity = _options.Current.CacheCapacity;
        lock (_gate)
        {
            // Only a read taken at the synced position may be kept: anything older could miss a change
            // whose invalidation already ran, anything newer is for the next sync to account for.
            if (capacity > 0 && fresh.Position == _synced)
            {
                if (_cache.Count >= capacity)
                {
                    _cache.Clear();
                }

                _cache[memberKey] = fresh;
            }
        }

        return fresh;
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _sync.Dispose();
    }

    private async Task SyncAsync(long position, CancellationToken cancellationToken)
    {
        await _sync.WaitAsync(cancellationToken);
        try
        {
            var synced = Volatile.Read(ref _synced);
            if (synced >= 0 && position <= synced)
            {
                // Another lookup synced at least this far meanwhile. (Positions only grow: the store's
                // file is not replaced under a running gateway.)
                return;
            }

            if (synced < 0)
            {
                lock (_gate)
                {
                    Volatile.Write(ref _synced, position);
                }

                return;
            }

            var changes = await _store.GetChangesAsync(synced, cancellationToken);
            lock (_gate)
            {
                foreach (var member in changes.MemberKeys)
                {
                    _cache.TryRemove(member, out _);
                }

                Volatile.Write(ref _synced, changes.Position);
            }
        }
        finally
        {
            _sync.Release();
        }
    }

    private ConsentRules InitializeRules()
    {
        lock (_gate)
        {
            return _rules ??= ConsentRules.From(_options.Current);
        }
    }
}
