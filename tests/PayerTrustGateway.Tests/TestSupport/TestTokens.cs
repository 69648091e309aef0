using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>Access tokens from the external test issuer, valid by default and bent by each test.</summary>
public static class TestTokens
{
    public static JsonObject Header(TestPki pki) => new()
    {
        ["alg"] = "ES256",
        ["typ"] = "at+jwt",
        ["kid"] = TestJwt.Thumbprint(pki.IssuerKey),
    };

    public static JsonObject Claims(GatewayTestHost host, X509Certificate2 boundTo, string clientId = "plan-a/claims-sync")
    {
        var now = TestJwt.Now();
        return new JsonObject
        {
            ["iss"] = TestGatewayConfiguration.TestIssuer,
            ["aud"] = TestGatewayConfiguration.PublicOrigin(host.PartnerPort),
            ["sub"] = clientId,
            ["client_id"] = clientId,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + 300,
            ["scope"] = TestGatewayConfiguration.PartnerScopes,
            ["cnf"] = new JsonObject { ["x5t#S256"] = CertificateFacts.ComputeThumbprint(boundTo.RawData) },
        };
    }

    public static string Sign(TestPki pki, JsonObject header, JsonObject claims) => TestJwt.Sign(header, claims, pki.IssuerKey);
}
