namespace PayerTrustGateway.Tokens;

/// <summary>
/// The last access token validated on one TLS connection. A client sends the same token on every
/// request until it renews it, and the signature and claim checks are a pure function of the token and
/// the issuer keys: the result is reused while the issuer registry snapshot is unchanged and the token
/// is unexpired. Binding, client mapping, single-use replay and DPoP proofs are checked on every request.
/// Safe for concurrent HTTP/2 streams: the entry is an immutable record swapped atomically.
/// </summary>
internal sealed class TokenValidationCache
{
    private Entry? _entry;

    public AccessTokenValidationResult? Get(string token, object issuerSnapshot, DateTimeOffset now)
    {
        var entry = Volatile.Read(ref _entry);
        return entry is not null
            && ReferenceEquals(entry.IssuerSnapshot, issuerSnapshot)
            && now < entry.Result.Identity!.ExpiresAt + entry.ClockSkew
            && string.Equals(entry.Token, token, StringComparison.Ordinal)
            ? entry.Result
            : null;
    }

    public void Set(string token, object issuerSnapshot, AccessTokenValidationResult result, TimeSpan clockSkew) =>
        Volatile.Write(ref _entry, new Entry(token, issuerSnapshot, result, clockSkew));

    private sealed record Entry(string Token, object IssuerSnapshot, AccessTokenValidationResult Result, TimeSpan ClockSkew);
}
