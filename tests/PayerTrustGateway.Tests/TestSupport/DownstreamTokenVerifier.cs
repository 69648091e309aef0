using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// What a backend behind the gateway does with the request it received: takes the bearer token, checks
/// there is no partner credential beside it, and verifies the token against the gateway's JWKS (fetched
/// from the admin listener, as a backend would), its issuer, audience, type and lifetime.
/// </summary>
public static class DownstreamTokenVerifier
{
    /// <summary>Verifies the token <paramref name="forwarded"/> carries; returns its header and claims.</summary>
    public static async Task<(JsonObject Header, JsonObject Claims)> VerifyAsync(GatewayTestHost host, RecordedRequest forwarded, string? inboundToken = null, TimeProvider? time = null, string? audience = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(forwarded);
        Assert.Null(forwarded.Header("DPoP"));
        Assert.Null(forwarded.Header("Cookie"));
        var authorization = forwarded.Header("Authorization");
        Assert.NotNull(authorization);
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var token = authorization["Bearer ".Length..];
        Assert.DoesNotContain(",", authorization, StringComparison.Ordinal);
        if (inboundToken is not null)
        {
            Assert.NotEqual(inboundToken, token);
        }

        var jwks = await FetchJwksAsync(host);
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = host.PartnerBase.GetLeftPart(UriPartial.Authority),
            ValidAudience = audience ?? TestGatewayConfiguration.BackendAudience,
            ValidTypes = ["at+jwt"],
            ValidAlgorithms = ["ES256", "RS256"],
            IssuerSigningKeys = jwks.GetSigningKeys(),
            RequireSignedTokens = true,
            // Lifetime is checked below against the host's clock (tests may run on a fake one).
            ValidateLifetime = false,
        });
        Assert.True(result.IsValid, "downstream token did not verify: " + result.Exception?.Message);

        var parts = token.Split('.');
        var header = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[0])))!.AsObject();
        var claims = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])))!.AsObject();
        var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeSeconds();
        var issuedAt = claims["iat"]!.GetValue<long>();
        var expires = claims["exp"]!.GetValue<long>();
        Assert.InRange(issuedAt, now - 60, now + 5);
        Assert.True(expires > now, "downstream token already expired");
        Assert.True(expires - issuedAt <= 300, "downstream token lives longer than the default 5 minutes");
        Assert.False(string.IsNullOrEmpty(claims["jti"]?.GetValue<string>()));
        var record = AuditAssert.Allowed(host, claims["decision_id"]!.GetValue<string>());
        Assert.Equal(claims["client_id"]?.GetValue<string>(), record.TokenClient);
        return (header, claims);
    }

    public static async Task<JsonWebKeySet> FetchJwksAsync(GatewayTestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var admin = host.CreateAnonymousAdminClient();
        var json = await admin.GetStringAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));
        var set = new JsonWebKeySet(json);
        Assert.All(set.Keys, key => Assert.False(key.HasPrivateKey));
        return set;
    }
}
