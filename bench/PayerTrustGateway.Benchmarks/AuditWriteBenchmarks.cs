using BenchmarkDotNet.Attributes;
using PayerTrustGateway.Audit;

namespace PayerTrustGateway.Benchmarks;

/// <summary>
/// Durable audit writes with the hash chain: 64 concurrent writers (as under proxy load) each hand over
/// records and, in sync mode, wait for their commit (group commit, synchronous=FULL). One operation = one
/// record, so records per second = 1 / mean. The chain link alone (canonical form + SHA-256) for scale.
/// </summary>
[MemoryDiagnoser]
public class AuditWriteBenchmarks
{
    private const int Writers = 64;
    private const int PerWriter = 320;
    private const int Records = Writers * PerWriter;

    private AuditBenchmarkBed? _sync;
    private AuditBenchmarkBed? _async;
    private AuditRecord _record = AuditBenchmarkBed.Record(1, DateTimeOffset.UnixEpoch);
    private long _next;

    [GlobalSetup]
    public void Setup()
    {
        _sync = new AuditBenchmarkBed(AuditMode.Sync);
        _async = new AuditBenchmarkBed(AuditMode.Async);
        _record = AuditBenchmarkBed.Record(1, DateTimeOffset.UtcNow);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sync?.Dispose();
        _async?.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int ChainLink() => AuditChain.Link(_record, 42, AuditChain.Genesis).Hash.Length;

    [Benchmark(OperationsPerInvoke = Records)]
    public Task SyncDurableWrite() => WriteAsync(_sync!.Writer);

    [Benchmark(OperationsPerInvoke = Records)]
    public Task AsyncQueuedWrite() => WriteAsync(_async!.Writer);

    private Task WriteAsync(AuditWriter writer) =>
        Task.WhenAll(Enumerable.Range(0, Writers).Select(async _ =>
        {
            for (var i = 0; i < PerWriter; i++)
            {
                var n = Interlocked.Increment(ref _next);
                await writer.WriteAsync(AuditBenchmarkBed.Record(n, DateTimeOffset.UtcNow), CancellationToken.None);
            }
        }));
}
