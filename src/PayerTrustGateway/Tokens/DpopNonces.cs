using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// Server-issued DPoP nonces (RFC 9449 §9): unpredictable (HMAC under a per-process random key) and
/// time-bounded (issue time inside the MAC). Stateless, so any request may present any unexpired nonce.
/// Instances behind one load balancer need a shared key; a later issue moves it to the shared store.
/// </summary>
internal sealed class DpopNonces
{
    private const int TimeBytes = 8;
    private const int MacBytes = 16;
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly TimeProvider _time;

    public DpopNonces(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public string Issue()
    {
        Span<byte> nonce = stackalloc byte[TimeBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(nonce, _time.GetUtcNow().ToUnixTimeSeconds());
        Mac(nonce[..TimeBytes], nonce[TimeBytes..]);
        return Base64Url.EncodeToString(nonce);
    }

    public bool IsValid(string? nonce, TimeSpan lifetime)
    {
        Span<byte> decoded = stackalloc byte[TimeBytes + MacBytes];
        if (nonce is null || nonce.Length > 64 || !Base64UrlDigest.TryDecodeExact(nonce, decoded))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(decoded[..TimeBytes], expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, decoded[TimeBytes..]))
        {
            return false;
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(decoded));
        var age = _time.GetUtcNow() - issuedAt;
        return age >= TimeSpan.FromSeconds(-5) && age <= lifetime;
    }

    private void Mac(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, data, full);
        full[..MacBytes].CopyTo(destination);
    }
}
