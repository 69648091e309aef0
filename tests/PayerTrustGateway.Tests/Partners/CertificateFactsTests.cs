using System.Buffers.Text;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Tests.Partners;

public sealed class CertificateFactsTests
{
    [Fact]
    public void TryRead_SanUriAndDns_ReadsBothAndClientAuth()
    {
        using var certificate = SelfSigned(request =>
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddUri(new Uri("spiffe://plan-a.example/claims-sync"));
            san.AddDnsName("claims.plan-a.example");
            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(CertificateFacts.ClientAuthOid)], false));
        });

        Assert.True(CertificateFacts.TryRead(certificate, out var facts));

        Assert.Equal("spiffe://plan-a.example/claims-sync", Assert.Single(facts!.SanUris));
        Assert.Equal("claims.plan-a.example", Assert.Single(facts.SanDnsNames));
        Assert.True(facts.HasClientAuthUsage);
    }

    [Fact]
    public void TryRead_MalformedSubjectAltName_ReturnsFalse()
    {
        using var certificate = SelfSigned(request =>
            request.CertificateExtensions.Add(new X509Extension("2.5.29.17", [0x30, 0x05, 0x86, 0x09, 0x41], false)));

        Assert.False(CertificateFacts.TryRead(certificate, out _));
    }

    [Fact]
    public void ComputeThumbprint_IsUnpaddedBase64UrlOfSha256OfDer()
    {
        using var certificate = SelfSigned(_ => { });

        var thumbprint = CertificateFacts.ComputeThumbprint(certificate.RawData);

        Assert.Equal(43, thumbprint.Length);
        Assert.DoesNotContain('=', thumbprint);
        Assert.Equal(SHA256.HashData(certificate.RawData), Base64Url.DecodeFromChars(thumbprint));
    }

    private static X509Certificate2 SelfSigned(Action<CertificateRequest> configure)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=facts", key, HashAlgorithmName.SHA256);
        configure(request);
        return request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddHours(-1), TimeProvider.System.GetUtcNow().AddHours(1));
    }
}
