using System.Buffers.Text;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// Decodes an unpadded base64url value into an exact-size buffer without throwing on hostile input
/// (<see cref="Base64Url.TryDecodeFromChars(ReadOnlySpan{char}, Span{byte}, out int)"/> throws
/// <see cref="FormatException"/> for non-canonical trailing bits).
/// </summary>
internal static class Base64UrlDigest
{
    public static bool TryDecodeExact(ReadOnlySpan<char> value, Span<byte> destination)
    {
        try
        {
            return Base64Url.TryDecodeFromChars(value, destination, out var written) && written == destination.Length;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
