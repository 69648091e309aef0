using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>DPoP proofs (RFC 9449 §4.2), valid by default and bent by each test.</summary>
public static class TestDpopProofs
{
    public static JsonObject Header(ECDsa key) => new()
    {
        ["typ"] = "dpop+jwt",
        ["alg"] = "ES256",
        ["jwk"] = TestJwt.PublicJwk(key),
    };

    public static JsonObject Claims(string method, string htu, string? accessToken)
    {
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["htm"] = method,
            ["htu"] = htu,
            ["iat"] = TestJwt.Now(),
        };
        if (accessToken is not null)
        {
            claims["ath"] = TestJwt.Ath(accessToken);
        }

        return claims;
    }

    public static string Create(ECDsa key, string method, string htu, string? accessToken = null) =>
        TestJwt.Sign(Header(key), Claims(method, htu, accessToken), key);
}
