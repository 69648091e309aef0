using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace PayerTrustGateway.Tokens;

/// <summary>A short, non-reversible form of a token's jti for log lines (tokens and jtis are never logged).</summary>
internal static class TokenIdHash
{
    public static string Of(string jti)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(jti), hash);
        return Base64Url.EncodeToString(hash[..9]);
    }
}
