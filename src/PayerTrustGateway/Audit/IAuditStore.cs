namespace PayerTrustGateway.Audit;

/// <summary>
/// Where audit records are kept. The embedded default is <see cref="SqliteAuditStore"/>; a server-backed
/// store implements the same calls. Appends come from one writer per instance (<see cref="AuditWriter"/>).
/// </summary>
internal interface IAuditStore
{
    /// <summary>The end of <paramref name="instance"/>'s chain (<see cref="AuditChainHead.Empty"/> when it has none).</summary>
    AuditChainHead ReadHead(string instance);

    /// <summary>Commits chained records (and a checkpoint, when one is due) in one durable transaction.</summary>
    void Append(IReadOnlyList<AuditRecord> records, AuditCheckpoint? checkpoint);

    /// <summary>One page of records matching the query.</summary>
    AuditPage Query(AuditQuery query);

    /// <summary>Every record matching the query (no paging), oldest first, read as the caller iterates.</summary>
    IEnumerable<AuditRecord> Stream(AuditQuery query);

    /// <summary>The instances that have records.</summary>
    IReadOnlyList<string> Instances();

    /// <summary><paramref name="instance"/>'s records in chain order, read as the caller iterates.</summary>
    IEnumerable<AuditRecord> ReadChain(string instance);

    /// <summary>The scorecard for records in [<paramref name="from"/>, <paramref name="to"/>); certificate horizons are counted from <paramref name="now"/>.</summary>
    AuditScorecard Scorecard(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now);

    /// <summary><paramref name="instance"/>'s checkpoints in sequence order.</summary>
    IReadOnlyList<AuditCheckpoint> Checkpoints(string instance);
}
