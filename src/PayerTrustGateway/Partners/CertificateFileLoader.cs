using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.Partners;

/// <summary>Reads certificate files named in configuration (PEM with one or more certificates, or DER).</summary>
internal static class CertificateFileLoader
{
    public static bool TryLoad(string path, out X509Certificate2Collection certificates, out string? error)
    {
        certificates = [];
        error = null;
        if (!File.Exists(path))
        {
            error = $"file '{path}' does not exist";
            return false;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            if (LooksLikePem(bytes))
            {
                certificates.ImportFromPem(System.Text.Encoding.ASCII.GetString(bytes));
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificate(bytes));
            }
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            error = $"file '{path}' is not a readable X.509 certificate ({exception.GetType().Name})";
            return false;
        }

        if (certificates.Count == 0)
        {
            error = $"file '{path}' holds no certificate";
            return false;
        }

        return true;
    }

    public static bool LooksLikePem(ReadOnlySpan<byte> bytes) => bytes.IndexOf("-----BEGIN "u8) >= 0;

    public static bool IsCertificateAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(c => c.CertificateAuthority);
}
