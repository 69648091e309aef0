using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Tokens;

/// <summary>A fixed set of verification keys (key files, or the gateway's own signing keys).</summary>
internal sealed class StaticIssuerKeys : IIssuerKeySource
{
    private readonly IReadOnlyList<SecurityKey> _keys;

    public StaticIssuerKeys(IReadOnlyList<SecurityKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    public ValueTask<KeyLookup> GetKeysAsync(string? keyId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Select(_keys, keyId));

    /// <summary>Keys with the given kid (all keys when the token names none).</summary>
    public static KeyLookup Select(IReadOnlyList<SecurityKey> keys, string? keyId)
    {
        if (keys.Count == 0)
        {
            return KeyLookup.Unavailable;
        }

        if (keyId is null)
        {
            return new KeyLookup(KeyLookupStatus.Found, keys);
        }

        var matching = keys.Where(key => string.Equals(key.KeyId, keyId, StringComparison.Ordinal)).ToList();
        return matching.Count == 0 ? KeyLookup.UnknownKey : new KeyLookup(KeyLookupStatus.Found, matching);
    }

    /// <summary>Loads public keys from a PEM (<c>PUBLIC KEY</c>) or JWKS JSON file; kid = RFC 7638 thumbprint for PEM keys.</summary>
    public static bool TryLoadFile(string path, out IReadOnlyList<SecurityKey> keys, out string? error)
    {
        keys = [];
        try
        {
            var text = File.ReadAllText(path);
            if (text.TrimStart().StartsWith('{'))
            {
                var set = new JsonWebKeySet(text);
                if (set.Keys.Any(key => key.HasPrivateKey))
                {
                    error = $"'{path}' holds private key material; give the issuer's public keys only";
                    return false;
                }

                keys = [.. set.Keys];
            }
            else
            {
                keys = [PemPublicKey(text)];
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException or System.Text.Json.JsonException)
        {
            error = $"'{path}' is not a readable PEM public key or JWKS ({exception.GetType().Name})";
            return false;
        }

        error = keys.Count == 0 ? $"'{path}' holds no key" : null;
        return keys.Count > 0;
    }

    private static SecurityKey PemPublicKey(string pem)
    {
        if (pem.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new ArgumentException("private key material");
        }

        // The algorithm objects belong to the SecurityKey, which lives as long as the issuer registry.
#pragma warning disable CA2000
        SecurityKey key;
        var ecdsa = ECDsa.Create();
        try
        {
            ecdsa.ImportFromPem(pem);
            key = new ECDsaSecurityKey(ecdsa);
        }
        catch (CryptographicException)
        {
            ecdsa.Dispose();
            var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            key = new RsaSecurityKey(rsa);
        }
#pragma warning restore CA2000

        key.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(key).ComputeJwkThumbprint());
        return key;
    }
}
