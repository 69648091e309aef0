using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// The client side of the mutual TLS handshake, loaded once and shared by every connection: the client
/// certificate (with any intermediates from its PEM file) and the roots the server certificate must chain to.
/// </summary>
internal sealed class ClientTlsSettings : IDisposable
{
    // RFC 5280 §4.2.1.12: id-kp-serverAuth.
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";

    private readonly X509Certificate2 clientCertificate;
    private readonly X509Certificate2Collection clientChainCertificates;
    private readonly X509Certificate2Collection trustAnchors;
    private readonly SslStreamCertificateContext clientContext;

    private ClientTlsSettings(
        X509Certificate2 clientCertificate,
        X509Certificate2Collection clientChainCertificates,
        X509Certificate2Collection trustAnchors)
    {
        this.clientCertificate = clientCertificate;
        this.clientChainCertificates = clientChainCertificates;
        this.trustAnchors = trustAnchors;

        // The context is sent as is, whatever CA names the server lists in its CertificateRequest.
        clientContext = SslStreamCertificateContext.Create(clientCertificate, clientChainCertificates, offline: true);
    }

    public static ClientTlsSettings Load(string certPath, string keyPath, string caPath)
    {
        var trustAnchors = PemCertificates.LoadAll(caPath);
        if (trustAnchors.Count == 0)
        {
            throw new CryptographicException($"No certificate found in CA file '{caPath}'.");
        }

        X509Certificate2Collection? chain = null;
        X509Certificate2? leaf = null;
        try
        {
            leaf = PemCertificates.LoadWithPrivateKey(certPath, keyPath);
            chain = PemCertificates.LoadAll(certPath);

            // The first certificate of the file is the leaf (loaded with its key above); the rest are intermediates.
            var first = chain[0];
            chain.RemoveAt(0);
            first.Dispose();

            var settings = new ClientTlsSettings(leaf, chain, trustAnchors);
            leaf = null;
            chain = null;
            trustAnchors = null;
            return settings;
        }
        finally
        {
            leaf?.Dispose();
            if (chain is not null)
            {
                PemCertificates.DisposeAll(chain);
            }

            if (trustAnchors is not null)
            {
                PemCertificates.DisposeAll(trustAnchors);
            }
        }
    }

    /// <summary>Options for one handshake. The chain policy is built per connection, never shared.</summary>
    public SslClientAuthenticationOptions CreateAuthenticationOptions(string targetHost)
    {
        // Only the configured roots are trusted (no system store, never accept-all). Dev PKIs publish no CRL.
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(trustAnchors);
        policy.ApplicationPolicy.Add(new Oid(ServerAuthOid));

        return new SslClientAuthenticationOptions
        {
            TargetHost = targetHost,
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ApplicationProtocols = [SslApplicationProtocol.Http11],
            ClientCertificateContext = clientContext,
            CertificateChainPolicy = policy,
            CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        };
    }

    public void Dispose()
    {
        clientCertificate.Dispose();
        PemCertificates.DisposeAll(clientChainCertificates);
        PemCertificates.DisposeAll(trustAnchors);
    }
}
