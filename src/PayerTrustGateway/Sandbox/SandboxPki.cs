using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The sandbox's dev PKI on disk (git-ignored): a gateway CA and server certificate, two partner CAs
/// with CRLs and workload certificates, and an impostor CA with a certificate claiming a partner's
/// workload identity. Regenerated when missing or about to lapse. CA keys are never written.
/// </summary>
internal sealed class SandboxPki
{
    public const string PlanAWorkloadUri = "spiffe://plan-a.example/claims-sync";
    public const string PlanBWorkloadDns = "member-match.plan-b.example";

    private const string ManifestFile = "manifest.json";
    private static readonly TimeSpan CrlLifetime = TimeSpan.FromDays(7);

    private SandboxPki(string directory) => Directory = directory;

    public string Directory { get; }

    public string GatewayCa => File("gateway-ca.crt");
    public string GatewayCertificate => File("gateway.crt");
    public string GatewayKey => File("gateway.key");
    public string PlanACa => File("plan-a-ca.crt");
    public string PlanACrl => File("plan-a-ca.crl");
    public string PlanBCa => File("plan-b-ca.crt");
    public string PlanBCrl => File("plan-b-ca.crl");

    /// <summary>A leaf certificate and key pair by name, e.g. "plan-a-claims-sync".</summary>
    public (string Certificate, string Key) Leaf(string name) => (File(name + ".crt"), File(name + ".key"));

    /// <summary>Reuses the PKI in <paramref name="directory"/> if it is current, else generates a new one.</summary>
    public static SandboxPki Ensure(string directory, TimeProvider time, out bool generated)
    {
        ArgumentNullException.ThrowIfNull(time);
        var pki = new SandboxPki(Path.GetFullPath(directory));
        generated = !pki.IsCurrent(time.GetUtcNow());
        if (generated)
        {
            pki.Generate(time);
        }

        return pki;
    }

    private string File(string name) => Path.Combine(Directory, name);

    private bool IsCurrent(DateTimeOffset now)
    {
        var manifest = File(ManifestFile);
        if (!System.IO.File.Exists(manifest))
        {
            return false;
        }

        using var document = JsonDocument.Parse(System.IO.File.ReadAllText(manifest));
        return document.RootElement.TryGetProperty("renewAfter", out var renewAfter)
            && renewAfter.TryGetDateTimeOffset(out var when)
            && now < when;
    }

    private void Generate(TimeProvider time)
    {
        System.IO.Directory.CreateDirectory(Directory);
        using var gatewayCa = DevCertificateAuthority.CreateRoot("PayerTrustGateway Sandbox Gateway CA", time);
        using var planACa = DevCertificateAuthority.CreateRoot("Plan A Partner CA (sandbox)", time);
        using var planBCa = DevCertificateAuthority.CreateRoot("Plan B Partner CA (sandbox)", time);
        using var rogueCa = DevCertificateAuthority.CreateRoot("Unknown CA (sandbox impostor)", time);

        using var server = gatewayCa.IssueLeaf(new LeafCertificateSpec("localhost")
        {
            SanDnsNames = ["localhost"],
            SanIpAddresses = [IPAddress.Loopback, IPAddress.IPv6Loopback],
            ExtendedKeyUsages = [LeafCertificateSpec.ServerAuth],
        });
        using var planA = planACa.IssueLeaf(new LeafCertificateSpec("claims-sync.plan-a.example") { SanUris = [PlanAWorkloadUri] });
        using var planARevoked = planACa.IssueLeaf(new LeafCertificateSpec("claims-sync.plan-a.example (revoked)") { SanUris = [PlanAWorkloadUri] });
        using var planB = planBCa.IssueLeaf(new LeafCertificateSpec(PlanBWorkloadDns) { SanDnsNames = [PlanBWorkloadDns] });
        using var rogue = rogueCa.IssueLeaf(new LeafCertificateSpec("claims-sync.plan-a.example") { SanUris = [PlanAWorkloadUri] });

        WriteCertificate("gateway-ca.crt", gatewayCa.Certificate);
        WriteLeaf("gateway", server);
        WriteCertificate("plan-a-ca.crt", planACa.Certificate);
        WriteCertificate("plan-b-ca.crt", planBCa.Certificate);
        WriteCertificate("rogue-ca.crt", rogueCa.Certificate);
        WriteLeaf("plan-a-claims-sync", planA);
        WriteLeaf("plan-a-claims-sync-revoked", planARevoked);
        WriteLeaf("plan-b-member-match", planB);
        WriteLeaf("rogue-claims-sync", rogue);
        System.IO.File.WriteAllBytes(PlanACrl, planACa.BuildCrl([planARevoked], CrlLifetime, 1));
        System.IO.File.WriteAllBytes(PlanBCrl, planBCa.BuildCrl([], CrlLifetime, 1));

        var renewAfter = time.GetUtcNow() + CrlLifetime - TimeSpan.FromDays(1);
        System.IO.File.WriteAllText(File(ManifestFile), JsonSerializer.Serialize(new { renewAfter }));
    }

    private void WriteCertificate(string name, X509Certificate2 certificate) =>
        System.IO.File.WriteAllText(File(name), certificate.ExportCertificatePem() + "\n");

    private void WriteLeaf(string name, X509Certificate2 certificate)
    {
        WriteCertificate(name + ".crt", certificate);
        using var key = certificate.GetECDsaPrivateKey() ?? throw new CryptographicException("Generated leaf has no EC private key.");
        var keyPath = File(name + ".key");
        System.IO.File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem() + "\n");
        if (!OperatingSystem.IsWindows())
        {
            System.IO.File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
