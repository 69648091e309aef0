namespace PayerTrustGateway.Audit;

/// <summary>Takes audit records. Never drops one: when it cannot keep up, callers wait.</summary>
internal interface IAuditSink
{
    /// <summary>
    /// Hands over a record. In <see cref="AuditMode.Sync"/> the task completes once the record is committed
    /// (and faults if it could not be); in <see cref="AuditMode.Async"/> once it is queued, waiting for room
    /// while the queue is full.
    /// </summary>
    ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken);
}
