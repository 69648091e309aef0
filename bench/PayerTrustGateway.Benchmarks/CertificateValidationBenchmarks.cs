using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Sandbox;

namespace PayerTrustGateway.Benchmarks;

/// <summary>
/// Cost of re-validating a partner certificate on every request: SAN/SPKI facts, workload match,
/// chain build against the partner's anchors, CRL lookup, status.
/// </summary>
[MemoryDiagnoser]
public class CertificateValidationBenchmarks : IDisposable
{
    private const string WorkloadUri = "spiffe://plan-a.example/claims-sync";
    private DevCertificateAuthority? _ca;
    private X509Certificate2? _leaf;
    private PartnerDirectory? _directory;
    private string? _folder;
    private readonly ChainVerdictCache _cache = new();

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("ptg-bench").FullName;
        _ca = DevCertificateAuthority.CreateRoot("Bench CA", TimeProvider.System);
        _leaf = _ca.IssueLeaf(new LeafCertificateSpec("claims-sync") { SanUris = [WorkloadUri] });
        var anchor = Path.Combine(_folder, "ca.crt");
        File.WriteAllText(anchor, _ca.Certificate.ExportCertificatePem());
        var crl = Path.Combine(_folder, "ca.crl");
        File.WriteAllBytes(crl, _ca.BuildCrl([], TimeSpan.FromDays(1), 1));
        var options = new PartnersOptions
        {
            Partners =
            {
                ["plan-a"] = new PartnerOptions
                {
                    DisplayName = "Plan A",
                    TrustAnchors = [anchor],
                    Revocation = new RevocationOptions { CrlFiles = [crl] },
                    Workloads = { ["claims-sync"] = new WorkloadOptions { SanUri = WorkloadUri } },
                },
            },
        };
        if (!PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _directory, out var errors))
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }
    }

    [Benchmark]
    public bool ReadFacts() => CertificateFacts.TryRead(_leaf!, out _);

    /// <summary>A request on a kept-alive connection: chain verdict reused, everything else re-checked.</summary>
    [Benchmark]
    public bool ValidateOnKeptAliveConnection() =>
        PartnerCertificateValidator.Validate(_leaf!, _directory!, TimeProvider.System.GetUtcNow(), _cache).Succeeded;

    /// <summary>The first request of a connection: the chain is built.</summary>
    [Benchmark(Baseline = true)]
    public bool Validate() => PartnerCertificateValidator.Validate(_leaf!, _directory!, TimeProvider.System.GetUtcNow()).Succeeded;

    [GlobalCleanup]
    public void Dispose()
    {
        _leaf?.Dispose();
        _ca?.Dispose();
        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }
}
