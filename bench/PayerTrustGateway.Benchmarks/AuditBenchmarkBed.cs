using Microsoft.Extensions.DependencyInjection;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Benchmarks;

/// <summary>The audit writer's real composition (SQLite store, generated key ring) in a temporary folder, and synthetic records.</summary>
internal sealed class AuditBenchmarkBed : IDisposable
{
    private readonly ServiceProvider _services;

    public AuditBenchmarkBed(AuditMode mode, string? folder = null)
    {
        Folder = folder ?? Directory.CreateTempSubdirectory("ptg-bench-audit").FullName;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(typeof(LastGoodOptions<>));
        services.Configure<SigningKeysOptions>(o => o.Directory = Path.Combine(Folder, "keys"));
        services.Configure<StorageOptions>(o => o.DataDirectory = Folder);
        services.Configure<TokenServiceOptions>(_ => { });
        services.Configure<TokenExchangeOptions>(_ => { });
        services.Configure<AuditOptions>(o => { o.Mode = mode; o.InstanceId = "bench"; });
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<AuditCheckpointSigner>();
        services.AddSingleton<AuditMetrics>();
        services.AddSingleton<AuditWriter>();
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public AuditWriter Writer => _services.GetRequiredService<AuditWriter>();

    public IAuditStore Store => _services.GetRequiredService<IAuditStore>();

    /// <summary>A typical allowed member read, spread over partners, members and consents by <paramref name="n"/>.</summary>
    public static AuditRecord Record(long n, DateTimeOffset time)
    {
        var partner = "plan-" + (n % 50).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        var denied = n % 10 == 0;
        return new AuditRecord
        {
            Time = time,
            Kind = AuditKind.Request,
            RequestId = Guid.CreateVersion7(time).ToString("N"),
            Listener = "partner",
            ActorKind = AuditActors.Workload,
            Actor = partner + "/w" + (n % 4),
            Partner = partner,
            Workload = partner + "/w" + (n % 4),
            CertificateThumbprint = "igLYfeaK96F34wcTRyvfXUB-qHSQqWqC9AfeNTU3K_E",
            CertificateNotAfter = time.AddDays(90),
            TokenIssuer = "gateway",
            TokenClient = partner + "/w" + (n % 4),
            TokenId = Guid.CreateVersion7(time).ToString("N"),
            TokenBinding = "certificate",
            TokenLifetimeSeconds = 300,
            Member = "member-" + (n % 1_000_000),
            ConsentId = "consent-" + (n % 500_000),
            ConsentVersion = 1,
            PurposesOfUse = ["urn:oid:2.16.840.1.113883.5.8#COC"],
            Policy = "p2p",
            Rule = denied ? "consent:revoked" : "partner:" + partner,
            Decision = denied ? AuditDecisions.Deny : AuditDecisions.Allow,
            Reason = denied ? "consent-revoked" : null,
            Evidence = ["workload=" + partner + "/w" + (n % 4), "interaction=search-type", "type=ExplanationOfBenefit"],
            Method = "GET",
            Route = "p2p",
            Interaction = "search-type",
            ResourceType = "ExplanationOfBenefit",
            Status = denied ? 403 : 200,
            LatencyMicroseconds = 900 + (n % 500),
            ConsentMicroseconds = 6 + (n % 20),
        };
    }

    public void Dispose()
    {
        _services.DisposeAsync().AsTask().GetAwaiter().GetResult(); // the writer is async-disposable only
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
