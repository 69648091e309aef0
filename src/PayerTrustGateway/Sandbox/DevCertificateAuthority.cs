using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// A throwaway certificate authority for the sandbox and the tests: ECDSA P-256 keys generated in
/// memory, never written except where the sandbox needs leaf keys on disk for curl. Not for production.
/// </summary>
internal sealed class DevCertificateAuthority : IDisposable
{
    private readonly TimeProvider _time;

    private DevCertificateAuthority(X509Certificate2 certificate, TimeProvider time)
    {
        Certificate = certificate;
        _time = time;
    }

    /// <summary>The CA certificate, with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    public static DevCertificateAuthority CreateRoot(string commonName, TimeProvider time, TimeSpan? lifetime = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(commonName, key);
        var certificate = request.CreateSelfSigned(now.AddDays(-2), now + (lifetime ?? TimeSpan.FromDays(730)));
        return new DevCertificateAuthority(certificate, time);
    }

    /// <summary>An intermediate CA signed by this one.</summary>
    public DevCertificateAuthority CreateIntermediate(string commonName)
    {
        var now = _time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = CaRequest(commonName, key);
        using var issued = request.Create(Certificate, now.AddDays(-1), Certificate.NotAfter.ToUniversalTime().AddDays(-1), NewSerial());
        return new DevCertificateAuthority(issued.CopyWithPrivateKey(key), _time);
    }

    /// <summary>Issues a leaf certificate (with its private key) as the spec says.</summary>
    public X509Certificate2 IssueLeaf(LeafCertificateSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = _time.GetUtcNow();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={spec.CommonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (!spec.ExtendedKeyUsages.IsEmpty)
        {
            var usages = new OidCollection();
            foreach (var oid in spec.ExtendedKeyUsages)
            {
                usages.Add(new Oid(oid));
            }

            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, false));
        }

        if (!spec.OcspUris.IsEmpty)
        {
            request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(spec.OcspUris, caIssuersUris: null, critical: false));
        }

        var san = new SubjectAlternativeNameBuilder();
        var hasSan = false;
        foreach (var uri in spec.SanUris)
        {
            san.AddUri(new Uri(uri));
            hasSan = true;
        }

        foreach (var dns in spec.SanDnsNames)
        {
            san.AddDnsName(dns);
            hasSan = true;
        }

        foreach (var ip in spec.SanIpAddresses)
        {
            san.AddIpAddress(ip);
            hasSan = true;
        }

        if (hasSan)
        {
            request.CertificateExtensions.Add(san.Build());
        }

        var notBefore = spec.NotBefore ?? now.AddHours(-1);
        var notAfter = spec.NotAfter ?? now.AddDays(90);
        using var issued = request.Create(Certificate, notBefore, notAfter, NewSerial());
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>A CRL signed by this CA listing <paramref name="revoked"/> (RFC 5280 §5).</summary>
    public byte[] BuildCrl(IEnumerable<X509Certificate2> revoked, TimeSpan validFor, BigInteger crlNumber, DateTimeOffset? thisUpdate = null)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        var issuedAt = thisUpdate ?? _time.GetUtcNow();
        var builder = new CertificateRevocationListBuilder();
        foreach (var certificate in revoked)
        {
            builder.AddEntry(certificate, issuedAt.AddMinutes(-1), X509RevocationReason.KeyCompromise);
        }

        return builder.Build(Certificate, crlNumber, issuedAt + validFor, HashAlgorithmName.SHA256, thisUpdate: issuedAt);
    }

    public void Dispose() => Certificate.Dispose();

    private static CertificateRequest CaRequest(string commonName, ECDsa key)
    {
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static byte[] NewSerial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F; // positive INTEGER (RFC 5280 §4.1.2.2)
        serial[0] |= 0x01; // no leading zero byte
        return serial;
    }
}
