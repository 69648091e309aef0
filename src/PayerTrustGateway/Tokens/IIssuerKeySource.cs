using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Tokens;

/// <summary>Where an issuer's signature-verification keys come from: files, a remote JWKS, or the gateway's own signer.</summary>
internal interface IIssuerKeySource
{
    /// <summary>The keys that may verify a token with <paramref name="keyId"/> (all keys when it has none).</summary>
    ValueTask<KeyLookup> GetKeysAsync(string? keyId, CancellationToken cancellationToken);
}

/// <summary>Outcome of a key lookup.</summary>
internal readonly record struct KeyLookup(KeyLookupStatus Status, IReadOnlyList<SecurityKey> Keys)
{
    public static readonly KeyLookup Unavailable = new(KeyLookupStatus.Unavailable, []);
    public static readonly KeyLookup UnknownKey = new(KeyLookupStatus.UnknownKey, []);
}

/// <summary>Whether keys were found.</summary>
internal enum KeyLookupStatus
{
    /// <summary>Matching keys were found.</summary>
    Found,

    /// <summary>The issuer's keys are known, but none has this kid.</summary>
    UnknownKey,

    /// <summary>No keys could be obtained at all (fail closed).</summary>
    Unavailable,
}
