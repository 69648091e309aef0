using System.Security.Cryptography;

namespace PayerTrustGateway.Tokens;

/// <summary>RFC 8705 §3 / STANDARDS S1.3: compare <c>cnf.x5t#S256</c> with the presented certificate's thumbprint.</summary>
internal static class CertificateBinding
{
    /// <summary>
    /// True when <paramref name="claimed"/> is exactly 43 unpadded base64url characters decoding to the same
    /// 32 bytes as <paramref name="presented"/>; padding or the standard alphabet is a mismatch. Constant time.
    /// </summary>
    public static bool Matches(string claimed, string presented)
    {
        Span<byte> claimedBytes = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> presentedBytes = stackalloc byte[SHA256.HashSizeInBytes];
        return IsUnpaddedBase64Url(claimed)
            && Base64UrlDigest.TryDecodeExact(claimed, claimedBytes)
            && Base64UrlDigest.TryDecodeExact(presented, presentedBytes)
            && CryptographicOperations.FixedTimeEquals(claimedBytes, presentedBytes);
    }

    /// <summary>Compares two base64url JWK thumbprints (RFC 7638) on their decoded bytes, in constant time.</summary>
    public static bool ThumbprintsMatch(string claimed, string actual) => Matches(claimed, actual);

    private static bool IsUnpaddedBase64Url(string value) =>
        value.Length == 43 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
