using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// An issuer's JWKS fetched over HTTPS and cached. Keys are refreshed when older than the refresh
/// interval, and an unknown kid triggers a refresh at most once per minimum interval. With no keys
/// ever fetched, lookups answer <see cref="KeyLookupStatus.Unavailable"/> (fail closed); a failed
/// refresh keeps the keys already known.
/// </summary>
internal sealed class RemoteJwksKeySource : IIssuerKeySource
{
    private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

    private readonly Uri _jwksUri;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly TimeSpan _refreshInterval;
    private readonly TimeSpan _minimumRefreshInterval;
    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private Snapshot? _snapshot;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    public RemoteJwksKeySource(Uri jwksUri, HttpClient http, TimeProvider time, TimeSpan refreshInterval, TimeSpan minimumRefreshInterval)
    {
        ArgumentNullException.ThrowIfNull(jwksUri);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(time);
        _jwksUri = jwksUri;
        _http = http;
        _time = time;
        _refreshInterval = refreshInterval;
        _minimumRefreshInterval = minimumRefreshInterval;
    }

    public async ValueTask<KeyLookup> GetKeysAsync(string? keyId, CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        var now = _time.GetUtcNow();
        if (snapshot is null || now - snapshot.FetchedAt > _refreshInterval)
        {
            snapshot = await RefreshAsync(now, cancellationToken) ?? snapshot;
        }

        if (snapshot is null)
        {
            return KeyLookup.Unavailable;
        }

        var lookup = StaticIssuerKeys.Select(snapshot.Keys, keyId);
        if (lookup.Status == KeyLookupStatus.UnknownKey)
        {
            // Key rotation at the issuer: look once more, rate-limited.
            var refreshed = await RefreshAsync(now, cancellationToken);
            if (refreshed is not null)
            {
                lookup = StaticIssuerKeys.Select(refreshed.Keys, keyId);
            }
        }

        return lookup;
    }

    private async Task<Snapshot?> RefreshAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken);
        try
        {
            if (now - _lastAttempt < _minimumRefreshInterval)
            {
                return Volatile.Read(ref _snapshot);
            }

            _lastAttempt = now;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(FetchTimeout);
            var json = await _http.GetStringAsync(_jwksUri, timeout.Token);
            var set = new JsonWebKeySet(json);
            var keys = set.Keys.Where(key => !key.HasPrivateKey && key.Use is null or "sig").Cast<SecurityKey>().ToList();
            var snapshot = new Snapshot(keys, now);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException or ArgumentException or System.Text.Json.JsonException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return null;
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    private sealed record Snapshot(IReadOnlyList<SecurityKey> Keys, DateTimeOffset FetchedAt);
}
