using PayerTrustGateway.Tokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Tokens;

public sealed class AuthorizationHeaderTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi", "Bearer", "abc.def.ghi")]
    [InlineData("bearer abc", "Bearer", "abc")]
    [InlineData("DPoP abc.def.ghi", "DPoP", "abc.def.ghi")]
    [InlineData("dpop abc==", "DPoP", "abc==")]
    public void TryParse_WellFormed_ReadsSchemeAndToken(string header, string scheme, string token)
    {
        Assert.True(AuthorizationHeader.TryParse(header, out var parsedScheme, out var parsedToken, out _));

        Assert.Equal(Enum.Parse<TokenScheme>(scheme), parsedScheme);
        Assert.Equal(token, parsedToken);
    }

    [Theory]
    [InlineData(null, nameof(DenyReason.TokenMissing))]
    [InlineData("", nameof(DenyReason.TokenMissing))]
    [InlineData("Basic dXNlcg==", nameof(DenyReason.TokenRequestMalformed))]
    [InlineData("Bearer", nameof(DenyReason.TokenRequestMalformed))]
    [InlineData("Bearer a b", nameof(DenyReason.TokenRequestMalformed))]
    [InlineData("Bearer a\"b", nameof(DenyReason.TokenRequestMalformed))]
    [InlineData("Bearer ===", nameof(DenyReason.TokenRequestMalformed))]
    public void TryParse_Unusable_SaysWhy(string? header, string reason)
    {
        Assert.False(AuthorizationHeader.TryParse(header, out _, out _, out var parsedReason));

        Assert.Equal(Enum.Parse<DenyReason>(reason), parsedReason);
    }
}
