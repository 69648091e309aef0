namespace PayerTrustGateway.Governance;

/// <summary>
/// The current <see cref="GovernanceState"/> and the one way to change it: a decision made against the
/// current snapshot, written durably, then swapped in and announced (<see cref="Changed"/>) before the
/// caller is answered, so the very next request is judged by it. Writers are serialized.
/// </summary>
internal sealed class GovernanceRegistry : IDisposable
{
    private readonly IGovernanceStore _store;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private GovernanceState _current;

    public GovernanceRegistry(IGovernanceStore store, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _time = time;
        _current = GovernanceState.Empty.Apply(store.LoadAll());
    }

    /// <summary>Raised (synchronously, inside the write) with each new snapshot.</summary>
    public event Action<GovernanceState>? Changed;

    public GovernanceState Current => Volatile.Read(ref _current);

    /// <summary>
    /// Runs <paramref name="decide"/> against the current snapshot; if it returns documents they are stored
    /// and the new snapshot is in force when this returns.
    /// </summary>
    public async Task<T> ChangeAsync<T>(Func<GovernanceState, DateTimeOffset, (T Result, IReadOnlyList<object> Documents)> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var state = Current;
            var now = _time.GetUtcNow();
            var (result, documents) = decide(state, now);
            if (documents.Count > 0)
            {
                await _store.SaveAsync(documents, now, cancellationToken);
                var next = state.Apply(documents);
                Volatile.Write(ref _current, next);
                Changed?.Invoke(next);
            }

            return result;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();
}
