namespace PayerTrustGateway.Audit;

/// <summary>
/// The audit trail (<c>TrustGateway:Audit</c>). Read once at start; changes need a restart (a writer that
/// changed chains or durability half-way would leave a trail no one can reason about).
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "TrustGateway:Audit";

    /// <summary>
    /// <c>Sync</c> (default): a request's record is committed to disk before the first byte of its response is
    /// sent, so a crash never loses the record of a response a caller received. <c>Async</c>: records go
    /// through a bounded queue and are committed shortly after; when the queue is full, requests wait for
    /// room (back-pressure), so a record is never dropped, but a crash can lose the queued ones.
    /// </summary>
    public AuditMode Mode { get; set; } = AuditMode.Sync;

    /// <summary>
    /// This gateway's name in the trail; each instance keeps its own hash chain. Must be stable across restarts
    /// and unique among instances writing to one store. Default: the machine name.
    /// </summary>
    public string? InstanceId { get; set; }

    /// <summary>
    /// How hard each commit is pushed to disk. <c>Full</c> (default): synced to the device before the commit
    /// returns, so records survive a power loss. <c>Normal</c>: written to the operating system before the
    /// commit returns (SQLite WAL, synchronous=NORMAL), so records survive a killed process but the last
    /// commits can be lost with the machine; commits cost no device flush.
    /// </summary>
    public AuditDurability Durability { get; set; } = AuditDurability.Full;

    /// <summary>Most records committed in one transaction (group commit). Default 512.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Records waiting to be committed before requests wait for room. Default 8192.</summary>
    public int QueueCapacity { get; set; } = 8192;

    /// <summary>A signed checkpoint (the chain head, signed with the gateway signing key) is written after this many records. Default 1000.</summary>
    public int CheckpointEveryRecords { get; set; } = 1000;

    /// <summary>Or when this much time has passed since the last one and there are new records. Default 1 minute.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Largest page a query returns. Default 1000.</summary>
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>The instance id in force: <see cref="InstanceId"/> or the machine name.</summary>
    public string EffectiveInstanceId => string.IsNullOrWhiteSpace(InstanceId) ? Environment.MachineName : InstanceId.Trim();
}

/// <summary>What a committed audit record survives.</summary>
public enum AuditDurability
{
    /// <summary>Power loss and operating-system crashes (a device flush per commit).</summary>
    Full,

    /// <summary>A killed or crashed gateway process, not the machine going down.</summary>
    Normal,
}

/// <summary>When a record is durable, relative to the response it describes.</summary>
public enum AuditMode
{
    /// <summary>Committed before the response starts.</summary>
    Sync,

    /// <summary>Queued (bounded, back-pressure when full) and committed shortly after.</summary>
    Async,
}
