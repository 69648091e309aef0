using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Sandbox;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// A catalogue of purpose-built certificates, generated at test time into a temporary folder:
/// plan-a (root CA, SAN URI workload), plan-b (root + intermediate, SAN DNS workload), plan-c
/// (suspended partner), and a rogue CA no partner trusts. Nothing here is ever written to the repo.
/// </summary>
public sealed class TestPki : IDisposable
{
    public const string PlanAWorkloadUri = "spiffe://plan-a.example/claims-sync";
    public const string PlanAOtherWorkloadUri = "spiffe://plan-a.example/eligibility";
    public const string PlanBWorkloadDns = "member-match.plan-b.example";
    public const string PlanCWorkloadUri = "spiffe://plan-c.example/ingest";

    private readonly List<IDisposable> _owned = [];

    public TestPki()
    {
        Directory = Path.Combine(Path.GetTempPath(), "ptg-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var time = TimeProvider.System;
        var now = time.GetUtcNow();

        var gatewayCa = Own(DevCertificateAuthority.CreateRoot("Test Gateway CA", time));
        var planACa = Own(DevCertificateAuthority.CreateRoot("Test Plan A CA", time));
        var planBRoot = Own(DevCertificateAuthority.CreateRoot("Test Plan B Root", time));
        var planBIssuing = Own(planBRoot.CreateIntermediate("Test Plan B Issuing CA"));
        var planCCa = Own(DevCertificateAuthority.CreateRoot("Test Plan C CA", time));
        var rogueCa = Own(DevCertificateAuthority.CreateRoot("Rogue CA", time));

        ServerCertificate = Own(gatewayCa.IssueLeaf(new LeafCertificateSpec("localhost")
        {
            SanDnsNames = ["localhost"],
            SanIpAddresses = [System.Net.IPAddress.Loopback],
            ExtendedKeyUsages = [LeafCertificateSpec.ServerAuth],
        }));
        GatewayCa = Copy(gatewayCa.Certificate);

        PlanAValid = Own(planACa.IssueLeaf(PlanA("valid")));
        PlanAValidTwin = Own(planACa.IssueLeaf(PlanA("valid twin")));
        PlanAOtherWorkload = Own(planACa.IssueLeaf(new LeafCertificateSpec("eligibility") { SanUris = [PlanAOtherWorkloadUri] }));
        PlanAExpired = Own(planACa.IssueLeaf(PlanA("expired") with { NotBefore = now.AddDays(-1), NotAfter = now.AddMinutes(-5) }));
        PlanANotYetValid = Own(planACa.IssueLeaf(PlanA("not yet valid") with { NotBefore = now.AddHours(1), NotAfter = now.AddDays(1) }));
        PlanAServerAuthOnly = Own(planACa.IssueLeaf(PlanA("server auth only") with { ExtendedKeyUsages = [LeafCertificateSpec.ServerAuth] }));
        PlanANoEku = Own(planACa.IssueLeaf(PlanA("no eku") with { ExtendedKeyUsages = [] }));
        PlanARevoked = Own(planACa.IssueLeaf(PlanA("revoked")));
        PlanAUnknownSan = Own(planACa.IssueLeaf(new LeafCertificateSpec("unknown") { SanUris = ["spiffe://plan-a.example/not-registered"] }));
        PlanANoSan = Own(planACa.IssueLeaf(new LeafCertificateSpec("no san")));
        PlanBValid = Own(planBIssuing.IssueLeaf(new LeafCertificateSpec(PlanBWorkloadDns) { SanDnsNames = [PlanBWorkloadDns] }));
        PlanBClaimingPlanA = Own(planBIssuing.IssueLeaf(PlanA("cross partner")));
        PlanCValid = Own(planCCa.IssueLeaf(new LeafCertificateSpec("ingest") { SanUris = [PlanCWorkloadUri] }));
        RogueClaimingPlanA = Own(rogueCa.IssueLeaf(PlanA("rogue")));
        Ambiguous = Own(planACa.IssueLeaf(new LeafCertificateSpec("ambiguous") { SanUris = [PlanAWorkloadUri, PlanAOtherWorkloadUri] }));

        ServerCertificatePath = WritePem("gateway.crt", ServerCertificate.ExportCertificatePem());
        ServerKeyPath = WritePem("gateway.key", ServerCertificate.GetECDsaPrivateKey()!.ExportPkcs8PrivateKeyPem());
        PlanACaPath = WritePem("plan-a-ca.crt", planACa.Certificate.ExportCertificatePem());
        PlanBRootPath = WritePem("plan-b-root.crt", planBRoot.Certificate.ExportCertificatePem());
        PlanBIssuingPath = WritePem("plan-b-issuing.crt", planBIssuing.Certificate.ExportCertificatePem());
        PlanCCaPath = WritePem("plan-c-ca.crt", planCCa.Certificate.ExportCertificatePem());
        PlanACrlPath = WriteBytes("plan-a.crl", planACa.BuildCrl([PlanARevoked], TimeSpan.FromDays(1), 1));
        PlanBRootCrlPath = WriteBytes("plan-b-root.crl", planBRoot.BuildCrl([], TimeSpan.FromDays(1), 1));
        PlanBIssuingCrlPath = WriteBytes("plan-b-issuing.crl", planBIssuing.BuildCrl([], TimeSpan.FromDays(1), 1));
        PlanACa = Copy(planACa.Certificate);

        IssuerKey = Own(ECDsa.Create(ECCurve.NamedCurves.nistP256));
        IssuerKeyPath = WritePem("test-issuer.pub", IssuerKey.ExportSubjectPublicKeyInfoPem());
        AssertionKey = Own(ECDsa.Create(ECCurve.NamedCurves.nistP384));
        AssertionKeyPath = WritePem("plan-a-assertion.pub", AssertionKey.ExportSubjectPublicKeyInfoPem());
    }

    /// <summary>The external test issuer's signing key (its public half is configured as a key file).</summary>
    public ECDsa IssuerKey { get; }

    public string IssuerKeyPath { get; }

    /// <summary>Plan A claims-sync's private_key_jwt key (ES384).</summary>
    public ECDsa AssertionKey { get; }

    public string AssertionKeyPath { get; }

    public string Directory { get; }

    public X509Certificate2 GatewayCa { get; }
    public X509Certificate2 ServerCertificate { get; }
    public X509Certificate2 PlanACa { get; }
    public X509Certificate2 PlanAValid { get; }
    public X509Certificate2 PlanAValidTwin { get; }
    public X509Certificate2 PlanAOtherWorkload { get; }
    public X509Certificate2 PlanAExpired { get; }
    public X509Certificate2 PlanANotYetValid { get; }
    public X509Certificate2 PlanAServerAuthOnly { get; }
    public X509Certificate2 PlanANoEku { get; }
    public X509Certificate2 PlanARevoked { get; }
    public X509Certificate2 PlanAUnknownSan { get; }
    public X509Certificate2 PlanANoSan { get; }
    public X509Certificate2 PlanBValid { get; }
    public X509Certificate2 PlanBClaimingPlanA { get; }
    public X509Certificate2 PlanCValid { get; }
    public X509Certificate2 RogueClaimingPlanA { get; }
    public X509Certificate2 Ambiguous { get; }

    public string ServerCertificatePath { get; }
    public string ServerKeyPath { get; }
    public string PlanACaPath { get; }
    public string PlanBRootPath { get; }
    public string PlanBIssuingPath { get; }
    public string PlanCCaPath { get; }
    public string PlanACrlPath { get; }
    public string PlanBRootCrlPath { get; }
    public string PlanBIssuingCrlPath { get; }

    /// <summary>Writes a file into this PKI's folder (for malformed-input tests).</summary>
    public string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS temp folder is cleaned eventually.
        }
    }

    private static LeafCertificateSpec PlanA(string label) => new($"claims-sync ({label})") { SanUris = [PlanAWorkloadUri] };

    private T Own<T>(T disposable) where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private X509Certificate2 Copy(X509Certificate2 certificate) => Own(X509CertificateLoader.LoadCertificate(certificate.RawData));

    private string WritePem(string name, string pem) => WriteBytes(name, System.Text.Encoding.ASCII.GetBytes(pem));
}
