using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Audit;

/// <summary>
/// The one writer of this instance's chain. Records queue in a bounded channel; a single loop takes what is
/// waiting (up to <see cref="AuditOptions.MaxBatchSize"/>), links each record to the previous one, and commits
/// them with one durable transaction (group commit), adding a signed checkpoint when one is due. In sync mode
/// each caller waits for its record's commit; in async mode only for room in the queue.
/// </summary>
internal sealed class AuditWriter : IAuditSink, IHostedService, IAsyncDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly IAuditStore _store;
    private readonly AuditCheckpointSigner _signer;
    private readonly AuditOptions _options;
    private readonly TimeProvider _time;
    private readonly AuditMetrics _metrics;
    private readonly ILogger<AuditWriter> _logger;
    private readonly Channel<PendingRecord> _queue;
    private readonly Lock _startLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;
    private int _disposed;
    private AuditChainHead _head = AuditChainHead.Empty;
    private DateTimeOffset _lastCheckpoint;

    public AuditWriter(IAuditStore store, AuditCheckpointSigner signer, IOptions<AuditOptions> options, TimeProvider time, AuditMetrics metrics, ILogger<AuditWriter> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(signer);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        _store = store;
        _signer = signer;
        _options = options.Value;
        _time = time;
        _metrics = metrics;
        _logger = logger;
        Instance = _options.EffectiveInstanceId;
        _queue = Channel.CreateBounded<PendingRecord>(new BoundedChannelOptions(_options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _metrics.ObserveQueue(() => _queue.Reader.Count);
    }

    /// <summary>This instance's chain name.</summary>
    public string Instance { get; }

    public async ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        EnsureStarted();
        var pending = new PendingRecord(record with { Instance = Instance }, _options.Mode == AuditMode.Sync
            ? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)
            : null);
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        if (pending.Committed is { } committed)
        {
            // The request may be aborted meanwhile; its record is still committed, and the caller still waits
            // for it, so a response is never sent ahead of its record.
            await committed.Task;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        EnsureStarted();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (Volatile.Read(ref _disposed) == 0)
        {
            await _stopping.CancelAsync();
        }

        if (_loop is { } loop)
        {
            await loop.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        // The container may hand this one instance out under several services and dispose it for each.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        await _stopping.CancelAsync();
        if (_loop is { } loop)
        {
            await loop.ConfigureAwait(false);
        }

        _stopping.Dispose();
    }

    private void EnsureStarted()
    {
        if (Volatile.Read(ref _loop) is not null)
        {
            return;
        }

        lock (_startLock)
        {
            if (_loop is null)
            {
                _head = _store.ReadHead(Instance);
                _lastCheckpoint = _head.CheckpointTime ?? _time.GetUtcNow();
                _logger.WriterStarted(Instance, _head.Sequence, _options.Mode);
                Volatile.Write(ref _loop, Task.Run(RunAsync));
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingRecord>(_options.MaxBatchSize);
        var reader = _queue.Reader;
        Task<bool>? waiting = null;
        while (true)
        {
            if (batch.Count == 0)
            {
                // Nothing left to retry: wait for records, or for the checkpoint interval to pass.
                waiting ??= reader.WaitToReadAsync().AsTask();
                if (!waiting.IsCompleted && _head.Sequence > _head.CheckpointSequence && !_stopping.IsCancellationRequested)
                {
                    var due = _lastCheckpoint + _options.CheckpointInterval - _time.GetUtcNow();
                    if (due <= TimeSpan.Zero || await Task.WhenAny(waiting, Task.Delay(due, _time, _stopping.Token)) != waiting)
                    {
                        Commit(batch, forceCheckpoint: !_stopping.IsCancellationRequested);
                        continue;
                    }
                }

                if (!await waiting)
                {
                    break;
                }

                waiting = null;
            }

            while (batch.Count < _options.MaxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            if (!Commit(batch, forceCheckpoint: false) && batch.Count > 0)
            {
                if (_stopping.IsCancellationRequested)
                {
                    break;
                }

                // Queued (async) records stay in the batch and are retried; the queue fills meanwhile (back-pressure).
                await Task.WhenAny(Task.Delay(RetryDelay, _time, _stopping.Token));
            }
        }

        if (batch.Count > 0 || _head.Sequence > _head.CheckpointSequence)
        {
            Commit(batch, forceCheckpoint: true);
        }

        // Stopped with the store failing: nobody may wait forever for a record that will not be written.
        var abandoned = new List<PendingRecord>(batch);
        while (reader.TryRead(out var pending))
        {
            abandoned.Add(pending);
        }

        if (abandoned.Count > 0)
        {
            var stopped = new InvalidOperationException("The audit writer stopped before these records could be committed.");
            _logger.CommitFailed(abandoned.Count, abandoned.Count(pending => pending.Committed is not null), 0, stopped);
            abandoned.ForEach(pending => pending.Committed?.TrySetException(stopped));
        }

        _logger.WriterStopped(Instance, _head.Sequence);
    }

    // Links and commits the batch; returns false when the store failed (async records stay in the batch for a retry).
    private bool Commit(List<PendingRecord> batch, bool forceCheckpoint)
    {
        var now = _time.GetUtcNow();
        var records = new List<AuditRecord>(batch.Count);
        var sequence = _head.Sequence;
        var hash = _head.Hash;
        foreach (var pending in batch)
        {
            var linked = AuditChain.Link(pending.Record, ++sequence, hash);
            hash = linked.Hash;
            records.Add(linked);
        }

        var checkpoint = CheckpointIfDue(sequence, hash, now, forceCheckpoint);
        var started = _time.GetTimestamp();
        try
        {
            _store.Append(records, checkpoint);
        }
        catch (Exception exception)
        {
            // Any store fault: the loop must survive it, or every waiting request would hang.
            var waiting = batch.Count(pending => pending.Committed is not null);
            _logger.CommitFailed(records.Count, waiting, batch.Count - waiting, exception);
            _metrics.CommitFailed(records.Count);
            foreach (var pending in batch.Where(pending => pending.Committed is not null))
            {
                pending.Committed!.TrySetException(exception); // non-null: filtered above
            }

            batch.RemoveAll(pending => pending.Committed is not null);
            return false;
        }

        _metrics.Committed(records, _time.GetElapsedTime(started));
        _head = new AuditChainHead(sequence, hash, checkpoint?.Sequence ?? _head.CheckpointSequence, checkpoint?.Time ?? _head.CheckpointTime);
        if (checkpoint is not null)
        {
            _lastCheckpoint = checkpoint.Time;
            _logger.CheckpointWritten(Instance, checkpoint.Sequence, checkpoint.Hash, checkpoint.KeyId);
        }

        foreach (var pending in batch)
        {
            pending.Committed?.TrySetResult();
        }

        batch.Clear();
        return true;
    }

    private AuditCheckpoint? CheckpointIfDue(long sequence, System.Collections.Immutable.ImmutableArray<byte> hash, DateTimeOffset now, bool force)
    {
        var uncheckpointed = sequence - _head.CheckpointSequence;
        if (uncheckpointed <= 0 || (!force && uncheckpointed < _options.CheckpointEveryRecords && now - _lastCheckpoint < _options.CheckpointInterval))
        {
            return null;
        }

        try
        {
            return _signer.Sign(Instance, sequence, hash, now);
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.Security.Cryptography.CryptographicException)
        {
            // The records still commit; the next checkpoint is tried one interval later.
            _logger.CheckpointFailed(sequence, exception);
            _lastCheckpoint = now;
            return null;
        }
    }

    private sealed record PendingRecord(AuditRecord Record, TaskCompletionSource? Committed);
}
