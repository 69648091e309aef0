using System.Collections.Frozen;
using Org.BouncyCastle.X509;

namespace PayerTrustGateway.Partners;

/// <summary>One parsed, signature-verified CRL: the revoked serials and its validity window.</summary>
internal sealed record LoadedCrl(FrozenSet<string> RevokedSerials, DateTimeOffset ThisUpdate, DateTimeOffset NextUpdate, DateTimeOffset LoadedAt)
{
    /// <summary>Parses a CRL (PEM or DER) and verifies it was signed by <paramref name="issuer"/> (RFC 5280 §6.3.3).</summary>
    public static bool TryParse(byte[] bytes, System.Security.Cryptography.X509Certificates.X509Certificate2 issuer, DateTimeOffset now, out LoadedCrl? crl, out string? error)
    {
        crl = null;
        try
        {
            var parsed = new X509CrlParser().ReadCrl(bytes);
            if (parsed is null)
            {
                error = "holds no CRL";
                return false;
            }

            var issuerCertificate = new X509Certificate(issuer.RawData);
            if (!parsed.IssuerDN.Equivalent(issuerCertificate.SubjectDN))
            {
                error = "was issued by another CA";
                return false;
            }

            parsed.Verify(issuerCertificate.GetPublicKey());
            if (parsed.NextUpdate is not { } nextUpdate)
            {
                error = "has no nextUpdate (RFC 5280 §5.1.2.5 requires it)";
                return false;
            }

            var serials = (parsed.GetRevokedCertificates() ?? new HashSet<X509CrlEntry>())
                .Select(entry => NormalizeSerial(entry.SerialNumber.ToString(16)))
                .ToFrozenSet(StringComparer.Ordinal);
            crl = new LoadedCrl(serials, ToOffset(parsed.ThisUpdate), ToOffset(nextUpdate), now);
            error = null;
            return true;
        }
        catch (Exception exception) when (exception is Org.BouncyCastle.Security.SecurityUtilityException
            or Org.BouncyCastle.Security.InvalidKeyException
            or Org.BouncyCastle.Security.SignatureException
            or Org.BouncyCastle.Security.Certificates.CrlException
            or Org.BouncyCastle.Security.Certificates.CertificateException
            or InvalidOperationException
            or ArgumentException
            or IOException)
        {
            error = $"is not a valid CRL signed by its issuer ({exception.GetType().Name})";
            return false;
        }
    }

    /// <summary>Hex serial without leading zeros, upper case: the form both .NET and BouncyCastle reduce to.</summary>
    public static string NormalizeSerial(string hex)
    {
        var trimmed = hex.TrimStart('0').ToUpperInvariant();
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    private static DateTimeOffset ToOffset(DateTime value) =>
        new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
