namespace PayerTrustGateway.Audit;

/// <summary>Audit trail log messages (event ids 9000-9999). Checkpoints are logged so the log is a second witness of the chain.</summary>
internal static partial class AuditLog
{
    [LoggerMessage(9001, LogLevel.Information, "Audit trail for instance {Instance} resumes after record {Sequence} in {Mode} mode")]
    public static partial void WriterStarted(this ILogger logger, string instance, long sequence, AuditMode mode);

    [LoggerMessage(9002, LogLevel.Information, "Audit checkpoint: instance {Instance} record {Sequence} hash {Hash} signed by {KeyId}")]
    public static partial void CheckpointWritten(this ILogger logger, string instance, long sequence, string hash, string keyId);

    [LoggerMessage(9003, LogLevel.Error, "Audit commit of {Count} records failed; {Waiting} requests are refused and {Queued} queued records will be retried")]
    public static partial void CommitFailed(this ILogger logger, int count, int waiting, int queued, Exception exception);

    [LoggerMessage(9004, LogLevel.Error, "Audit checkpoint could not be signed at record {Sequence}; the next commit tries again")]
    public static partial void CheckpointFailed(this ILogger logger, long sequence, Exception exception);

    [LoggerMessage(9005, LogLevel.Critical, "Audit record for request {RequestId} could not be written; the response is refused")]
    public static partial void RecordRefused(this ILogger logger, string requestId, Exception exception);

    [LoggerMessage(9006, LogLevel.Information, "Audit trail for instance {Instance} closed at record {Sequence}")]
    public static partial void WriterStopped(this ILogger logger, string instance, long sequence);
}
