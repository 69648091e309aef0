using System.Security.Cryptography;
using CsCheck;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Tests.Tokens;

public sealed class CertificateBindingTests
{
    private static readonly string Thumbprint = System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData("certificate"u8));

    [Fact]
    public void Matches_SameDigest_IsTrue() => Assert.True(CertificateBinding.Matches(Thumbprint, Thumbprint));

    [Fact]
    public void Matches_PaddedForm_IsFalse() => Assert.False(CertificateBinding.Matches(Thumbprint + "=", Thumbprint));

    [Fact]
    public void Matches_StandardBase64Form_IsFalse()
    {
        var standard = Convert.ToBase64String(SHA256.HashData("certificate"u8));

        Assert.False(CertificateBinding.Matches(standard, Thumbprint));
    }

    [Fact]
    public void Matches_AnyOtherString_IsFalse()
    {
        Gen.String[Gen.Char.AlphaNumeric, 0, 60].Sample(candidate =>
            Assert.Equal(candidate == Thumbprint, CertificateBinding.Matches(candidate, Thumbprint)));
    }
}
