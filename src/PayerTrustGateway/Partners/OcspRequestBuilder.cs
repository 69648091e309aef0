using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Ocsp;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Ocsp;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;
using BcExtension = Org.BouncyCastle.Asn1.X509.X509Extension;

namespace PayerTrustGateway.Partners;

/// <summary>Builds the OCSP request for one certificate: a single unsigned request with a fresh nonce.</summary>
internal static class OcspRequestBuilder
{
    // RFC 8954 §2.1: a nonce is 1 to 32 octets; 16 random octets is what the RFC recommends at minimum.
    private const int NonceLength = 16;

    public static OcspRequestMessage Build(X509Certificate2 certificate, BcCertificate issuer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuer);

        // RFC 5019 §2.1.1: the CertID hashes (issuerNameHash, issuerKeyHash) use SHA-1. The serial is the
        // certificate's DER INTEGER, big-endian two's complement as SerialNumberBytes gives it.
        var id = new CertificateID(CertificateID.DigestSha1, issuer, new BcBigInteger(certificate.SerialNumberBytes.ToArray()));

        // RFC 6960 §4.4.1 / RFC 8954 §2.1: the nonce extension's value is an OCTET STRING holding the nonce.
        var nonceValue = new DerOctetString(RandomNumberGenerator.GetBytes(NonceLength)).GetEncoded();
        var generator = new OcspReqGenerator();
        generator.AddRequest(id);
        generator.SetRequestExtensions(new X509Extensions(new Dictionary<DerObjectIdentifier, BcExtension>
        {
            [OcspObjectIdentifiers.PkixOcspNonce] = new BcExtension(false, new DerOctetString(nonceValue)),
        }));

        return new OcspRequestMessage(generator.Generate().GetEncoded(), id, nonceValue);
    }
}
