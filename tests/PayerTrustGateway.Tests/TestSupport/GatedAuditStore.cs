using PayerTrustGateway.Audit;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// A real audit store with a gate and a fault switch in front of its appends, to hold the writer mid-commit
/// or make a commit fail; it signals each completed append.
/// </summary>
internal sealed class GatedAuditStore(IAuditStore inner) : IAuditStore, IDisposable
{
    private readonly ManualResetEventSlim _open = new(initialState: true);
    private int _failuresLeft;

    public int Appends { get; private set; }

    public int Failures { get; private set; }

    /// <summary>Completed appends so far, signalled as they happen.</summary>
    public event Action<IReadOnlyList<AuditRecord>, AuditCheckpoint?>? Appended;

    public event Action? Failed;

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    public void FailNext(int times) => Interlocked.Exchange(ref _failuresLeft, times);

    public void Append(IReadOnlyList<AuditRecord> records, AuditCheckpoint? checkpoint)
    {
        // Blocks the writer's own loop (not a test thread) until the test opens the gate.
        _open.Wait(TimeSpan.FromSeconds(30));
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            Failures++;
            Failed?.Invoke();
            throw new IOException("disk unavailable (test)");
        }

        inner.Append(records, checkpoint);
        Appends++;
        Appended?.Invoke(records, checkpoint);
    }

    public AuditChainHead ReadHead(string instance) => inner.ReadHead(instance);

    public AuditPage Query(AuditQuery query) => inner.Query(query);

    public IEnumerable<AuditRecord> Stream(AuditQuery query) => inner.Stream(query);

    public IReadOnlyList<string> Instances() => inner.Instances();

    public IEnumerable<AuditRecord> ReadChain(string instance) => inner.ReadChain(instance);

    public AuditScorecard Scorecard(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now) => inner.Scorecard(from, to, now);

    public IReadOnlyList<AuditCheckpoint> Checkpoints(string instance) => inner.Checkpoints(instance);

    public void Dispose() => _open.Dispose();
}
