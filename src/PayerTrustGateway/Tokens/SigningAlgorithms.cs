using System.Collections.Frozen;

namespace PayerTrustGateway.Tokens;

/// <summary>The JWS algorithms the gateway may ever accept (RFC 8725 §3.1, STANDARDS S3.1): asymmetric only.</summary>
internal static class SigningAlgorithms
{
    public static readonly FrozenSet<string> Asymmetric = new[]
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
    }.ToFrozenSet(StringComparer.Ordinal);
}
