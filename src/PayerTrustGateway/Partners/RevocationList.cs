using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.Partners;

/// <summary>
/// One configured CRL file bound to the CA that signs it. Lookups are lock-free against an immutable
/// <see cref="LoadedCrl"/>; when its nextUpdate has passed the file is re-read (at most once per
/// stale-retry interval) and, if still stale, lookups answer <see cref="RevocationCheck.Unknown"/>.
/// </summary>
internal sealed class RevocationList
{
    private readonly TimeSpan _staleRetryInterval;
    private readonly Lock _reloadLock = new();
    private LoadedCrl _current;
    private DateTimeOffset _lastReloadAttempt;

    private RevocationList(string? path, X509Certificate2 issuer, LoadedCrl loaded, TimeSpan staleRetryInterval)
    {
        Path = path;
        Issuer = issuer;
        _current = loaded;
        _lastReloadAttempt = loaded.LoadedAt;
        _staleRetryInterval = staleRetryInterval;
    }

    /// <summary>The file the CRL is re-read from, or null for one uploaded through the admin API (replaced there, never re-read).</summary>
    public string? Path { get; }

    /// <summary>The CA certificate whose key verified this CRL.</summary>
    public X509Certificate2 Issuer { get; }

    public DateTimeOffset NextUpdate => Volatile.Read(ref _current).NextUpdate;

    /// <summary>Loads a CRL file and finds, among <paramref name="candidateIssuers"/>, the CA that signed it.</summary>
    public static bool TryLoad(
        string path,
        IEnumerable<X509Certificate2> candidateIssuers,
        DateTimeOffset now,
        TimeSpan staleRetryInterval,
        out RevocationList? list,
        out string? error)
    {
        list = null;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            error = $"CRL file '{path}' cannot be read ({exception.GetType().Name})";
            return false;
        }

        return TryCreate(path, bytes, candidateIssuers, now, staleRetryInterval, out list, out error);
    }

    /// <summary>A CRL held in memory (uploaded through the admin API): never re-read; once stale it answers Unknown until replaced.</summary>
    public static bool TryCreate(byte[] bytes, IEnumerable<X509Certificate2> candidateIssuers, DateTimeOffset now, out RevocationList? list, out string? error) =>
        TryCreate(null, bytes, candidateIssuers, now, TimeSpan.MaxValue, out list, out error);

    private static bool TryCreate(
        string? path,
        byte[] bytes,
        IEnumerable<X509Certificate2> candidateIssuers,
        DateTimeOffset now,
        TimeSpan staleRetryInterval,
        out RevocationList? list,
        out string? error)
    {
        list = null;
        string? lastError = "matches none of this partner's CA certificates";
        foreach (var issuer in candidateIssuers)
        {
            if (LoadedCrl.TryParse(bytes, issuer, now, out var loaded, out var parseError))
            {
                list = new RevocationList(path, issuer, loaded!, staleRetryInterval);
                error = null;
                return true;
            }

            lastError = parseError;
        }

        error = path is null ? $"CRL {lastError}" : $"CRL file '{path}' {lastError}";
        return false;
    }

    /// <summary>Whether <paramref name="normalizedSerial"/> (see <see cref="LoadedCrl.NormalizeSerial"/>) is revoked at <paramref name="now"/>.</summary>
    public RevocationCheck Check(string normalizedSerial, DateTimeOffset now)
    {
        var current = Volatile.Read(ref _current);
        if (now > current.NextUpdate)
        {
            current = Refresh(now);
            if (now > current.NextUpdate)
            {
                return RevocationCheck.Unknown;
            }
        }

        return current.RevokedSerials.Contains(normalizedSerial)
            ? RevocationCheck.Revoked
            : RevocationCheck.Good;
    }

    private LoadedCrl Refresh(DateTimeOffset now)
    {
        lock (_reloadLock)
        {
            var current = _current;
            if (Path is null || now <= current.NextUpdate || now - _lastReloadAttempt < _staleRetryInterval)
            {
                return current;
            }

            _lastReloadAttempt = now;
            if (TryLoad(Path, [Issuer], now, _staleRetryInterval, out var reloaded, out _)
                && reloaded!.NextUpdate > current.NextUpdate)
            {
                Volatile.Write(ref _current, reloaded._current);
            }

            return _current;
        }
    }
}
