using PayerTrustGateway.Audit;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Audit;

/// <summary>The writer: durability before completion (sync), group commit, back-pressure without loss (async), failures, checkpoints, restart.</summary>
public sealed class AuditWriterTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Sync_WriteCompletes_OnlyOnceTheRecordIsCommitted()
    {
        using var gate = new GatedAuditStore(new SqliteAuditStore(Temp(), TimeSpan.FromSeconds(5)));
        await using var bed = new AuditTestBed(store: gate);
        gate.Close();

        var write = bed.Writer.WriteAsync(bed.Request(1), CancellationToken.None).AsTask();
        var committed = new TaskCompletionSource();
        gate.Appended += (_, _) => committed.TrySetResult();

        Assert.False(write.IsCompleted);
        Assert.Empty(bed.Store.Query(new AuditQuery()).Records);
        gate.Open();
        await write.WaitAsync(Patience);
        Assert.True(committed.Task.IsCompleted);
        Assert.Equal(1, Assert.Single(bed.Store.Query(new AuditQuery()).Records).Sequence);
    }

    [Fact]
    public async Task Sync_ConcurrentWriters_AreGroupCommittedIntoOneUnbrokenChain()
    {
        using var gate = new GatedAuditStore(new SqliteAuditStore(Temp(), TimeSpan.FromSeconds(5)));
        await using var bed = new AuditTestBed(options => options.CheckpointEveryRecords = 1000, store: gate);

        await Task.WhenAll(Enumerable.Range(1, 300).Select(n => bed.Writer.WriteAsync(bed.Request(n), CancellationToken.None).AsTask())).WaitAsync(Patience);

        var records = bed.Store.ReadChain("test-instance").ToList();
        Assert.Equal(Enumerable.Range(1, 300).Select(n => (long)n), records.Select(record => record.Sequence));
        Assert.Equal(300, records.Select(record => record.RequestId).Distinct().Count());
        Assert.InRange(gate.Appends, 1, 299);
        Assert.True((await bed.Verifier.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Async_FullQueue_MakesWritersWait_AndLosesNothing()
    {
        using var gate = new GatedAuditStore(new SqliteAuditStore(Temp(), TimeSpan.FromSeconds(5)));
        await using var bed = new AuditTestBed(options => { options.Mode = AuditMode.Async; options.MaxBatchSize = 4; options.QueueCapacity = 4; }, store: gate);
        gate.Close();

        var writes = Enumerable.Range(1, 20).Select(n => bed.Writer.WriteAsync(bed.Request(n), CancellationToken.None).AsTask()).ToList();

        // At most one batch is in the held commit and one queue's worth waits; everyone else is held back.
        Assert.InRange(writes.Count(write => write.IsCompleted), 4, 8);
        gate.Open();
        await Task.WhenAll(writes).WaitAsync(Patience);
        var stored = new TaskCompletionSource();
        gate.Appended += (_, _) =>
        {
            if (bed.Store.Query(new AuditQuery { Limit = 100 }).Records.Count == 20)
            {
                stored.TrySetResult();
            }
        };
        if (bed.Store.Query(new AuditQuery { Limit = 100 }).Records.Count != 20)
        {
            await stored.Task.WaitAsync(Patience);
        }

        Assert.Equal(20, bed.Store.Query(new AuditQuery { Limit = 100 }).Records.Select(record => record.RequestId).Distinct().Count());
    }

    [Fact]
    public async Task Sync_CommitFails_WriterFaults_NothingIsChained_AndTheNextRecordContinuesTheChain()
    {
        using var gate = new GatedAuditStore(new SqliteAuditStore(Temp(), TimeSpan.FromSeconds(5)));
        await using var bed = new AuditTestBed(store: gate);
        gate.FailNext(1);

        await Assert.ThrowsAsync<IOException>(() => bed.Writer.WriteAsync(bed.Request(1), CancellationToken.None).AsTask().WaitAsync(Patience));
        await bed.Writer.WriteAsync(bed.Request(2), CancellationToken.None).AsTask().WaitAsync(Patience);

        var record = Assert.Single(bed.Store.ReadChain("test-instance"));
        Assert.Equal(("req-000002", 1L), (record.RequestId, record.Sequence));
        Assert.True((await bed.Verifier.VerifyAsync(CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Async_CommitFails_RecordsAreRetried_NotDropped()
    {
        using var gate = new GatedAuditStore(new SqliteAuditStore(Temp(), TimeSpan.FromSeconds(5)));
        await using var bed = new AuditTestBed(options => options.Mode = AuditMode.Async, store: gate);
        var failed = new TaskCompletionSource();
        var stored = new TaskCompletionSource();
        gate.Failed += () => failed.TrySetResult();
        gate.Appended += (records, _) => stored.TrySetResult();
        gate.FailNext(1);

        await bed.Writer.WriteAsync(bed.Request(1), CancellationToken.None).AsTask().WaitAsync(Patience);
        await failed.Task.WaitAsync(Patience);
        Assert.Empty(bed.Store.ReadChain("test-instance"));
        await AdvanceUntilAsync(bed, stored.Task);

        Assert.Equal("req-000001", Assert.Single(bed.Store.ReadChain("test-instance")).RequestId);
    }

    [Fact]
    public async Task Checkpoint_WrittenAfterTheInterval_WhenFewerRecordsThanTheCountArrived()
    {
        using var gate = new GatedAuditStore(new SqliteAuditStore(Temp(), TimeSpan.FromSeconds(5)));
        await using var bed = new AuditTestBed(options => { options.CheckpointEveryRecords = 1000; options.CheckpointInterval = TimeSpan.FromSeconds(30); }, store: gate);
        var checkpointed = new TaskCompletionSource<AuditCheckpoint>();
        gate.Appended += (_, checkpoint) =>
        {
            if (checkpoint is not null)
            {
                checkpointed.TrySetResult(checkpoint);
            }
        };

        await bed.WriteAsync(3);
        Assert.Empty(bed.Store.Checkpoints("test-instance"));
        var checkpoint = await AdvanceUntilAsync(bed, checkpointed.Task);

        Assert.Equal(3, checkpoint.Sequence);
        Assert.Equal(CheckpointVerdict.Valid, await bed.Signer.VerifyAsync(Assert.Single(bed.Store.Checkpoints("test-instance")), CancellationToken.None));
    }

    [Fact]
    public async Task Restart_NewWriterContinuesTheSameChain()
    {
        await using var bed = new AuditTestBed();
        await bed.WriteAsync(5);
        await using (var restarted = bed.CreateWriter("test-instance"))
        {
            await restarted.WriteAsync(bed.Request(6), CancellationToken.None);
        }

        var last = bed.Store.ReadChain("test-instance").Last();

        Assert.Equal(("req-000006", 6L), (last.RequestId, last.Sequence));
        Assert.True((await bed.Verifier.VerifyAsync(CancellationToken.None)).Intact);
    }

    // The writer's timers run on the fake clock: move it a second at a time, yielding to the writer's loop,
    // until the awaited event happens (no real-time waiting).
    private static async Task<T> AdvanceUntilAsync<T>(AuditTestBed bed, Task<T> awaited)
    {
        for (var i = 0; i < 100_000 && !awaited.IsCompleted; i++)
        {
            bed.Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Yield();
        }

        return await awaited.WaitAsync(Patience);
    }

    private static Task AdvanceUntilAsync(AuditTestBed bed, Task awaited) =>
        AdvanceUntilAsync(bed, awaited.ContinueWith(_ => true, TaskScheduler.Default));

    private static string Temp()
    {
        var folder = Path.Combine(Path.GetTempPath(), "ptg-audit-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, SqliteAuditStore.FileName);
    }
}
