using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Audit;

/// <summary>
/// The embedded audit store (<c>audit.db</c>, WAL, synchronous=FULL): one row per record in
/// <c>audit_record</c> (row id = commit order), indexed for the auditor's questions (by partner, workload,
/// member, consent, reason and time, each ending in time order), and signed chain heads in
/// <c>audit_checkpoint</c>. A row holds exactly the record's fields, so the hash is recomputed from what
/// is stored and any edit shows.
/// </summary>
internal sealed class SqliteAuditStore : IAuditStore, IDisposable
{
    public const string FileName = "audit.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS audit_record (
            id INTEGER PRIMARY KEY, instance TEXT NOT NULL, seq INTEGER NOT NULL, time INTEGER NOT NULL, kind TEXT NOT NULL,
            request_id TEXT NOT NULL, trace_id TEXT, listener TEXT, actor_kind TEXT NOT NULL, actor TEXT,
            partner TEXT, workload TEXT, cert_thumbprint TEXT, cert_not_after INTEGER, token_issuer TEXT, token_client TEXT, token_id TEXT,
            token_binding TEXT, token_lifetime INTEGER, member TEXT, consent_id TEXT, consent_version INTEGER, purposes TEXT NOT NULL,
            policy TEXT, rule TEXT, decision TEXT NOT NULL, reason TEXT, evidence TEXT NOT NULL, shadow TEXT NOT NULL,
            method TEXT, route TEXT, interaction TEXT, resource_type TEXT, operation TEXT,
            status INTEGER NOT NULL, latency_us INTEGER NOT NULL, consent_us INTEGER, match_confidence REAL,
            exception_id TEXT, break_glass INTEGER NOT NULL, action TEXT, target TEXT, before_state TEXT, after_state TEXT,
            prev_hash BLOB NOT NULL, hash BLOB NOT NULL);
        CREATE UNIQUE INDEX IF NOT EXISTS audit_record_chain ON audit_record (instance, seq);
        CREATE INDEX IF NOT EXISTS audit_record_time ON audit_record (time);
        CREATE INDEX IF NOT EXISTS audit_record_partner ON audit_record (partner, time) WHERE partner IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_record_workload ON audit_record (workload, time) WHERE workload IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_record_member ON audit_record (member, time) WHERE member IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_record_consent ON audit_record (consent_id, time) WHERE consent_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS audit_record_request ON audit_record (request_id);
        CREATE INDEX IF NOT EXISTS audit_record_reason ON audit_record (reason, time) WHERE reason IS NOT NULL;
        CREATE TABLE IF NOT EXISTS audit_checkpoint (
            instance TEXT NOT NULL, seq INTEGER NOT NULL, hash TEXT NOT NULL, time INTEGER NOT NULL, kid TEXT NOT NULL, signature TEXT NOT NULL,
            PRIMARY KEY (instance, seq)) WITHOUT ROWID;
        """;

    internal const string Columns = "id, instance, seq, time, kind, request_id, trace_id, listener, actor_kind, actor, partner, workload, "
        + "cert_thumbprint, cert_not_after, token_issuer, token_client, token_id, token_binding, token_lifetime, member, consent_id, consent_version, purposes, "
        + "policy, rule, decision, reason, evidence, shadow, method, route, interaction, resource_type, operation, status, latency_us, consent_us, "
        + "match_confidence, exception_id, break_glass, action, target, before_state, after_state, prev_hash, hash";

    private readonly SqliteDatabase _database;
    private readonly SqliteAuditAppender _appender;

    public SqliteAuditStore(IOptions<StorageOptions> options, IOptions<AuditOptions> audit)
        : this(
            options?.Value.DatabasePath(FileName) ?? throw new ArgumentNullException(nameof(options)),
            options.Value.BusyTimeout,
            (audit ?? throw new ArgumentNullException(nameof(audit))).Value.Durability == AuditDurability.Full)
    {
    }

    public SqliteAuditStore(string path, TimeSpan busyTimeout, bool flushToDevice = true)
    {
        _database = new SqliteDatabase(path, busyTimeout);
        _database.Initialize(Schema);
        _appender = new SqliteAuditAppender(_database, flushToDevice);
    }

    public AuditChainHead ReadHead(string instance)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT (SELECT seq FROM audit_record WHERE instance = $i ORDER BY seq DESC LIMIT 1),
                   (SELECT hash FROM audit_record WHERE instance = $i ORDER BY seq DESC LIMIT 1),
                   (SELECT seq FROM audit_checkpoint WHERE instance = $i ORDER BY seq DESC LIMIT 1),
                   (SELECT time FROM audit_checkpoint WHERE instance = $i ORDER BY seq DESC LIMIT 1)
            """;
        command.Parameters.AddWithValue("$i", instance);
        using var reader = command.ExecuteReader();
        reader.Read();
        if (reader.IsDBNull(0))
        {
            return AuditChainHead.Empty;
        }

        return new AuditChainHead(
            reader.GetInt64(0),
            ImmutableArray.Create((byte[])reader.GetValue(1)),
            reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
            reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)));
    }

    public void Append(IReadOnlyList<AuditRecord> records, AuditCheckpoint? checkpoint)
    {
        ArgumentNullException.ThrowIfNull(records);
        _appender.Append(records, checkpoint);
    }

    public void Dispose() => _appender.Dispose();

    public AuditPage Query(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var records = new List<(long Row, AuditRecord Record)>(query.Limit + 1);
        using var connection = _database.Open();
        using var command = SqliteAuditQueryBuilder.Build(connection, query, query.Limit + 1);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            records.Add((reader.GetInt64(0), SqliteAuditRows.Read(reader)));
        }

        AuditCursor? next = null;
        if (records.Count > query.Limit)
        {
            records.RemoveAt(records.Count - 1);
            var last = records[^1];
            next = new AuditCursor(last.Record.Time.ToUnixTimeMilliseconds(), last.Row);
        }

        return new AuditPage([.. records.Select(row => row.Record)], next);
    }

    public IEnumerable<AuditRecord> Stream(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = _database.Open();
        using var command = SqliteAuditQueryBuilder.Build(connection, query, limit: null);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return SqliteAuditRows.Read(reader);
        }
    }

    public IReadOnlyList<string> Instances()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT instance FROM audit_record ORDER BY instance";
        using var reader = command.ExecuteReader();
        var instances = new List<string>();
        while (reader.Read())
        {
            instances.Add(reader.GetString(0));
        }

        return instances;
    }

    public IEnumerable<AuditRecord> ReadChain(string instance)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM audit_record WHERE instance = $i ORDER BY seq";
        command.Parameters.AddWithValue("$i", instance);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return SqliteAuditRows.Read(reader);
        }
    }

    public AuditScorecard Scorecard(DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        using var connection = _database.Open();
        return AuditScorecardCalculator.Calculate(connection, from, to, now);
    }

    public IReadOnlyList<AuditCheckpoint> Checkpoints(string instance)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT instance, seq, hash, time, kid, signature FROM audit_checkpoint WHERE instance = $i ORDER BY seq";
        command.Parameters.AddWithValue("$i", instance);
        using var reader = command.ExecuteReader();
        var checkpoints = new List<AuditCheckpoint>();
        while (reader.Read())
        {
            checkpoints.Add(new AuditCheckpoint(reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetString(4), reader.GetString(5)));
        }

        return checkpoints;
    }
}
