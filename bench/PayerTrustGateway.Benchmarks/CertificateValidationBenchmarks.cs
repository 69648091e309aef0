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
    private PartnerDirectory? _governed;
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

        _governed = Governed(_directory!, _leaf);
    }

    // The same estate under governance: the workload pinned to its attached certificate, certification-
    // governed, with 1,000 certificates revoked at the gateway and a stored lifecycle record.
    private static PartnerDirectory Governed(PartnerDirectory configured, X509Certificate2 leaf)
    {
        var now = TimeProvider.System.GetUtcNow();
        var documents = new List<object>
        {
            new Governance.WorkloadRecord { PartnerId = "plan-a", Id = "claims-sync", Status = WorkloadStatus.Active, LastCertifiedAt = now, UpdatedAt = now, UpdatedBy = "bench" },
            new Governance.AttachedCertificate
            {
                Thumbprint = CertificateFacts.ComputeThumbprint(leaf.RawData),
                PartnerId = "plan-a",
                WorkloadId = "claims-sync",
                Subject = leaf.Subject,
                NotAfter = leaf.NotAfter,
                AttachedAt = now,
                AttachedBy = "bench",
            },
        };
        for (var i = 0; i < 1000; i++)
        {
            documents.Add(new Governance.CertificateRevocation { Thumbprint = "revoked-" + i, Reason = "bench", RevokedAt = now, RevokedBy = "bench" });
        }

        var stewarded = configured.Workloads.Select(workload => workload with
        {
            Stewardship = new Governance.WorkloadStewardship { Owner = "o", Sponsor = "s", Purpose = "p", ExpiresAt = now.AddYears(1), ReviewCadence = TimeSpan.FromDays(90) },
        });
        var withStewardship = PartnerDirectory.Create(configured.Partners, [.. stewarded], configured.RevokedThumbprints, TimeSpan.Zero, out _);
        return PartnerEstateComposer.Compose(withStewardship, Governance.GovernanceState.Empty.Apply(documents), TimeSpan.FromDays(7), now, out _);
    }

    [Benchmark]
    public bool ReadFacts() => CertificateFacts.TryRead(_leaf!, out _);

    /// <summary>A request on a kept-alive connection: chain verdict reused, everything else re-checked.</summary>
    [Benchmark]
    public bool ValidateOnKeptAliveConnection() =>
        PartnerCertificateValidator.Validate(_leaf!, _directory!, TimeProvider.System.GetUtcNow(), _cache).Succeeded;

    /// <summary>The kept-alive request against a governed estate (pinning, gateway revocations, lifecycle, certification).</summary>
    [Benchmark]
    public bool ValidateGovernedOnKeptAliveConnection() =>
        PartnerCertificateValidator.Validate(_leaf!, _governed!, TimeProvider.System.GetUtcNow(), _cache).Succeeded;

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
