using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.LoadHarness;

/// <summary>Loads PEM certificate files. Callers own and dispose everything returned.</summary>
internal static class PemCertificates
{
    /// <summary>Loads the first certificate of <paramref name="certPath"/> together with its private key.</summary>
    public static X509Certificate2 LoadWithPrivateKey(string certPath, string keyPath)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        if (!OperatingSystem.IsWindows())
        {
            // OpenSSL-backed SslStream can use the ephemeral key of a PEM-loaded certificate directly.
            return certificate;
        }

        // SChannel cannot use ephemeral keys: round-trip through PKCS#12 so the key is usable for TLS.
        using (certificate)
        {
            return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
        }
    }

    /// <summary>Loads every certificate of a PEM file (a CA bundle, or a leaf followed by intermediates).</summary>
    public static X509Certificate2Collection LoadAll(string path)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPemFile(path);
        return collection;
    }

    public static void DisposeAll(X509Certificate2Collection collection)
    {
        ArgumentNullException.ThrowIfNull(collection);
        foreach (var certificate in collection)
        {
            certificate.Dispose();
        }
    }
}
