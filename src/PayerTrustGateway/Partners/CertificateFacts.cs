using System.Buffers.Text;
using System.Collections.Immutable;
using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.Partners;

/// <summary>The identity-bearing facts of a client certificate, read once per request.</summary>
/// <param name="SanUris">SAN uniformResourceIdentifier entries.</param>
/// <param name="SanDnsNames">SAN dNSName entries.</param>
/// <param name="SpkiSha256">Base64 SHA-256 of the SubjectPublicKeyInfo DER.</param>
/// <param name="Thumbprint">RFC 8705 §3.1 <c>x5t#S256</c>: base64url (no padding) SHA-256 of the certificate DER.</param>
/// <param name="HasClientAuthUsage">True when the certificate carries an EKU extension listing clientAuth.</param>
internal sealed record CertificateFacts(
    ImmutableArray<string> SanUris,
    ImmutableArray<string> SanDnsNames,
    string SpkiSha256,
    string Thumbprint,
    bool HasClientAuthUsage)
{
    public const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";

    private const string SubjectAltNameOid = "2.5.29.17";
    private static readonly Asn1Tag DnsNameTag = new(TagClass.ContextSpecific, 2);
    private static readonly Asn1Tag UriTag = new(TagClass.ContextSpecific, 6);

    /// <summary>Reads the facts; false when an extension the gateway relies on is malformed.</summary>
    public static bool TryRead(X509Certificate2 certificate, out CertificateFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        facts = null;
        var uris = ImmutableArray.CreateBuilder<string>();
        var dnsNames = ImmutableArray.CreateBuilder<string>();
        var clientAuth = false;
        string spki;
        try
        {
            spki = Convert.ToBase64String(SHA256.HashData(certificate.PublicKey.ExportSubjectPublicKeyInfo()));
            foreach (var extension in certificate.Extensions)
            {
                if (extension.Oid?.Value == SubjectAltNameOid)
                {
                    ReadSubjectAltNames(extension.RawData, uris, dnsNames);
                }
                else if (extension is X509EnhancedKeyUsageExtension eku)
                {
                    clientAuth = eku.EnhancedKeyUsages.Cast<Oid>().Any(oid => oid.Value == ClientAuthOid);
                }
            }
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException)
        {
            return false;
        }

        facts = new CertificateFacts(
            uris.ToImmutable(),
            dnsNames.ToImmutable(),
            spki,
            ComputeThumbprint(certificate.RawDataMemory.Span),
            clientAuth);
        return true;
    }

    /// <summary>RFC 8705 §3.1: base64url(SHA-256(DER)), unpadded (RFC 7515 §2).</summary>
    public static string ComputeThumbprint(ReadOnlySpan<byte> der)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(der, hash);
        return Base64Url.EncodeToString(hash);
    }

    // RFC 5280 §4.2.1.6: GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName.
    private static void ReadSubjectAltNames(byte[] der, ImmutableArray<string>.Builder uris, ImmutableArray<string>.Builder dnsNames)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var names = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        while (names.HasData)
        {
            var tag = names.PeekTag();
            if (tag.HasSameClassAndValue(UriTag))
            {
                uris.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, UriTag));
            }
            else if (tag.HasSameClassAndValue(DnsNameTag))
            {
                dnsNames.Add(names.ReadCharacterString(UniversalTagNumber.IA5String, DnsNameTag));
            }
            else
            {
                names.ReadEncodedValue();
            }
        }
    }
}
