using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// The audit trail's real parts without a host: the SQLite store and a generated key ring in a folder of
/// the test's own, a writer on a fake clock, and raw SQL access for tampering.
/// </summary>
internal sealed class AuditTestBed : IAsyncDisposable
{
    private readonly List<IDisposable> _disposables = [];

    public AuditTestBed(Action<AuditOptions>? configure = null, IAuditStore? store = null)
    {
        Directory.CreateDirectory(Folder);
        Options = new AuditOptions { InstanceId = "test-instance", CheckpointEveryRecords = 10 };
        configure?.Invoke(Options);
        Store = store ?? new SqliteAuditStore(DatabasePath, TimeSpan.FromSeconds(5));
        Keys = new SigningKeyRing(
            TestOptions.LastGood<SigningKeysOptions>(options => { options.Directory = Path.Combine(Folder, "keys"); options.RotationInterval = TimeSpan.Zero; }),
            TestOptions.LastGood<StorageOptions>(options => options.DataDirectory = Folder),
            TestOptions.LastGood<TokenServiceOptions>(_ => { }),
            TestOptions.LastGood<TokenExchangeOptions>(_ => { }),
            Time,
            NullLogger<SigningKeyRing>.Instance);
        _disposables.Add(Keys);
        Signer = new AuditCheckpointSigner(Keys);
        Writer = CreateWriter(Options.InstanceId!);
        Verifier = new AuditChainVerifier(Store, Signer);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "ptg-audit-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(Folder, SqliteAuditStore.FileName);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public AuditOptions Options { get; }

    public IAuditStore Store { get; }

    public SigningKeyRing Keys { get; }

    public AuditCheckpointSigner Signer { get; }

    public AuditWriter Writer { get; }

    public AuditChainVerifier Verifier { get; }

    /// <summary>Another writer on the same store and key ring (a second instance, or this one after a restart).</summary>
    public AuditWriter CreateWriter(string instance)
    {
        var meters = new TestMeterFactory();
        _disposables.Add(meters);
        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions
        {
            InstanceId = instance,
            Mode = Options.Mode,
            MaxBatchSize = Options.MaxBatchSize,
            QueueCapacity = Options.QueueCapacity,
            CheckpointEveryRecords = Options.CheckpointEveryRecords,
            CheckpointInterval = Options.CheckpointInterval,
        });
        return new AuditWriter(Store, Signer, options, Time, new AuditMetrics(meters, Time), NullLogger<AuditWriter>.Instance);
    }

    /// <summary>A request record as the pipeline would build it.</summary>
    public AuditRecord Request(int n, string partner = "plan-a", string? member = "member-1001", string? reason = null) => new()
    {
        Time = Time.GetUtcNow(),
        Kind = AuditKind.Request,
        RequestId = $"req-{n:D6}",
        Listener = "partner",
        ActorKind = AuditActors.Workload,
        Actor = partner + "/claims-sync",
        Partner = partner,
        Workload = partner + "/claims-sync",
        CertificateThumbprint = "thumb-" + partner,
        TokenClient = partner + "/claims-sync",
        TokenId = $"jti-{n}",
        TokenBinding = "certificate",
        Member = member,
        Policy = "member-data",
        Rule = reason is null ? "partner:" + partner : "default-deny",
        Decision = reason is null ? AuditDecisions.Allow : AuditDecisions.Deny,
        Reason = reason,
        Evidence = ["workload=" + partner + "/claims-sync", "interaction=read"],
        Method = "GET",
        Route = "fhir-member-data",
        Interaction = "read",
        ResourceType = "Patient",
        Status = reason is null ? 200 : 403,
        LatencyMicroseconds = 500 + n,
    };

    /// <summary>Writes <paramref name="count"/> records through the writer, one after another.</summary>
    public async Task WriteAsync(int count, Func<int, AuditRecord>? make = null)
    {
        for (var i = 1; i <= count; i++)
        {
            await Writer.WriteAsync((make ?? (n => Request(n)))(i), CancellationToken.None);
            Time.Advance(TimeSpan.FromMilliseconds(10));
        }
    }

    /// <summary>Runs SQL against the store's file directly, as someone with access to the disk could.</summary>
    public void Tamper(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public async ValueTask DisposeAsync()
    {
        await Writer.DisposeAsync();
        (Store as IDisposable)?.Dispose();
        foreach (var disposable in _disposables)
        {
            disposable.Dispose();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private sealed class TestMeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(meter => meter.Dispose());
    }
}
