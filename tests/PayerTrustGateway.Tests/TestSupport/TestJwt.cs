using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// Builds compact JWS by hand so tests can forge exactly what they need (alg none, HMAC confusion, odd
/// types, crit). Also an independent implementation of RFC 7638 thumbprints and DPoP ath.
/// </summary>
public static class TestJwt
{
    public static string Sign(JsonObject header, JsonObject payload, ECDsa key)
    {
        var signingInput = Encode(header) + "." + Encode(payload);
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), key.KeySize == 384 ? HashAlgorithmName.SHA384 : HashAlgorithmName.SHA256);
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public static string SignRawPayload(JsonObject header, string payloadJson, ECDsa key)
    {
        var signingInput = Encode(header) + "." + Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        return signingInput + "." + Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256));
    }

    public static string SignHmac(JsonObject header, JsonObject payload, byte[] secret)
    {
        var signingInput = Encode(header) + "." + Encode(payload);
        return signingInput + "." + Base64Url.EncodeToString(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
    }

    public static string Unsigned(JsonObject header, JsonObject payload) => Encode(header) + "." + Encode(payload) + ".";

    /// <summary>The public JWK of an EC key (RFC 7518 §6.2.1).</summary>
    public static JsonObject PublicJwk(ECDsa key)
    {
        var parameters = key.ExportParameters(false);
        return new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = key.KeySize == 384 ? "P-384" : "P-256",
            ["x"] = Base64Url.EncodeToString(parameters.Q.X),
            ["y"] = Base64Url.EncodeToString(parameters.Q.Y),
        };
    }

    /// <summary>RFC 7638 §3: SHA-256 over the required members in lexicographic order, no whitespace.</summary>
    public static string Thumbprint(ECDsa key)
    {
        var jwk = PublicJwk(key);
        var canonical = $"{{\"crv\":\"{jwk["crv"]}\",\"kty\":\"EC\",\"x\":\"{jwk["x"]}\",\"y\":\"{jwk["y"]}\"}}";
        return Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>RFC 9449 §4.2 ath.</summary>
    public static string Ath(string accessToken) => Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(accessToken)));

    public static long Now() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    private static string Encode(JsonObject part) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(part.ToJsonString(new JsonSerializerOptions { WriteIndented = false })));
}
