using System.Security.Cryptography.X509Certificates;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>Test clients trust the gateway's server certificate through the test gateway CA only.</summary>
public static class ServerCertificateValidator
{
    public static bool IsTrusted(X509Certificate? presented, X509Certificate2 gatewayCa)
    {
        if (presented is null)
        {
            return false;
        }

        using var certificate = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(gatewayCa);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
