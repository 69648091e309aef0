using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Consent;

/// <summary>
/// The embedded consent store: every version in <c>consent_version</c>, the current one indexed by member
/// and partner in <c>consent_current</c>, and each commit appended to <c>consent_change</c> (the change
/// feed whose last sequence number is the store position). One transaction per change.
/// </summary>
internal sealed class SqliteConsentStore : IConsentStore
{
    public const string FileName = "consents.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS consent_version (
            consent_id TEXT NOT NULL, version INTEGER NOT NULL,
            member_key TEXT NOT NULL, member_identifiers TEXT NOT NULL, partner_id TEXT NOT NULL,
            purposes TEXT NOT NULL, data_classes TEXT NOT NULL, policy TEXT NOT NULL,
            period_start INTEGER NOT NULL, period_end INTEGER NOT NULL, status TEXT NOT NULL,
            source_id TEXT, source_version TEXT,
            change TEXT NOT NULL, changed_by TEXT NOT NULL, changed_at INTEGER NOT NULL, reason TEXT,
            PRIMARY KEY (consent_id, version)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS consent_current (
            consent_id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL,
            member_key TEXT NOT NULL, partner_id TEXT NOT NULL, source_id TEXT) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS consent_current_member_partner ON consent_current (member_key, partner_id);
        CREATE INDEX IF NOT EXISTS consent_current_partner ON consent_current (partner_id, consent_id);
        CREATE UNIQUE INDEX IF NOT EXISTS consent_current_source ON consent_current (source_id) WHERE source_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS consent_change (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, consent_id TEXT NOT NULL, version INTEGER NOT NULL, member_key TEXT NOT NULL);
        """;

    private const string VersionColumns = "v.consent_id, v.version, v.member_key, v.member_identifiers, v.partner_id, v.purposes, v.data_classes, v.policy, "
        + "v.period_start, v.period_end, v.status, v.source_id, v.source_version, v.change, v.changed_by, v.changed_at, v.reason";

    private readonly SqliteDatabase _database;
    private readonly SemaphoreSlim _writer = new(1, 1);

    public SqliteConsentStore(IOptions<StorageOptions> options)
        : this(options?.Value.DatabasePath(FileName) ?? throw new ArgumentNullException(nameof(options)), options.Value.BusyTimeout)
    {
    }

    public SqliteConsentStore(string path, TimeSpan busyTimeout)
    {
        _database = new SqliteDatabase(path, busyTimeout);
        _database.Initialize(Schema);
    }

    public async Task<ConsentRecord> RecordAsync(ConsentTerms terms, string recordedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentException.ThrowIfNullOrEmpty(recordedBy);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using var connection = _database.OpenForWrite();
            using var transaction = connection.BeginTransaction();
            var existing = terms.SourceId is null ? null : CurrentBySource(connection, terms.SourceId);
            var record = existing is null
                ? new ConsentRecord(Guid.CreateVersion7(at).ToString("N"), 1, terms, ConsentStatus.Active, "captured", recordedBy, at, null)
                : new ConsentRecord(existing.Value.Id, existing.Value.Version + 1, terms, ConsentStatus.Active, "revised", recordedBy, at, null);
            Append(connection, record);
            if (existing is { } previous && previous.MemberKey != terms.MemberKey)
            {
                // The earlier member's readers must drop this consent too.
                AppendChange(connection, record, previous.MemberKey);
            }

            transaction.Commit();
            return record;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<int> ImportAsync(IEnumerable<ConsentTerms> terms, string recordedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentException.ThrowIfNullOrEmpty(recordedBy);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using var connection = _database.OpenForWrite();
            var count = 0;
            foreach (var batch in terms.Chunk(10_000))
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var transaction = connection.BeginTransaction();
                foreach (var item in batch)
                {
                    Append(connection, new ConsentRecord(Guid.CreateVersion7(at).ToString("N"), 1, item with { SourceId = null }, ConsentStatus.Active, "imported", recordedBy, at, null));
                }

                transaction.Commit();
                count += batch.Length;
            }

            return count;
        }
        finally
        {
            _writer.Release();
        }
    }

    public async Task<ConsentRecord?> RevokeAsync(string consentId, string revokedBy, string? reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(consentId);
        ArgumentException.ThrowIfNullOrEmpty(revokedBy);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            using var connection = _database.OpenForWrite();
            using var transaction = connection.BeginTransaction();
            var current = Current(connection, consentId);
            if (current is null || current.Status == ConsentStatus.Revoked)
            {
                return current;
            }

            var revoked = current with { Version = current.Version + 1, Status = ConsentStatus.Revoked, Change = "revoked", ChangedBy = revokedBy, ChangedAt = at, Reason = reason };
            Append(connection, revoked);
            transaction.Commit();
            return revoked;
        }
        finally
        {
            _writer.Release();
        }
    }

    public Task<ConsentRecord?> GetAsync(string consentId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return Task.FromResult(Current(connection, consentId));
    }

    public Task<ImmutableArray<ConsentRecord>> GetHistoryAsync(string consentId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {VersionColumns}, c.version FROM consent_version v JOIN consent_current c ON c.consent_id = v.consent_id WHERE v.consent_id = $id ORDER BY v.version";
        command.Parameters.AddWithValue("$id", consentId);
        return Task.FromResult(ReadAll(command, currentVersionOrdinal: 17));
    }

    public Task<ImmutableArray<ConsentRecord>> ListAsync(ConsentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {VersionColumns} FROM consent_current c JOIN consent_version v ON v.consent_id = c.consent_id AND v.version = c.version
            WHERE ($member IS NULL OR c.member_key = $member) AND ($partner IS NULL OR c.partner_id = $partner) AND ($after IS NULL OR c.consent_id > $after)
            ORDER BY c.consent_id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$member", (object?)query.MemberKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$partner", (object?)query.PartnerId ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)query.After ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit);
        return Task.FromResult(ReadAll(command));
    }

    public Task<MemberConsents> FindByMemberAsync(string memberKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(memberKey);
        using var connection = _database.Open();
        // One read transaction: the rows and the position come from the same WAL snapshot.
        using var transaction = connection.BeginTransaction(deferred: true);
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            SELECT {VersionColumns} FROM consent_current c JOIN consent_version v ON v.consent_id = c.consent_id AND v.version = c.version
            WHERE c.member_key = $member
            """;
        command.Parameters.AddWithValue("$member", memberKey);
        var records = ReadAll(command);
        var position = Position(connection, transaction);
        transaction.Commit();
        return Task.FromResult(new MemberConsents(memberKey, records, position));
    }

    public ValueTask<long> GetPositionAsync(CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        return ValueTask.FromResult(Position(connection, null));
    }

    public Task<ConsentChanges> GetChangesAsync(long position, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, member_key FROM consent_change WHERE seq > $after ORDER BY seq";
        command.Parameters.AddWithValue("$after", position);
        using var reader = command.ExecuteReader();
        var members = ImmutableArray.CreateBuilder<string>();
        var last = position;
        while (reader.Read())
        {
            last = reader.GetInt64(0);
            members.Add(reader.GetString(1));
        }

        return Task.FromResult(new ConsentChanges(members.ToImmutable(), last));
    }

    private static long Position(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(seq), 0) FROM consent_change";
        return (long)command.ExecuteScalar()!; // coalesce: never null
    }

    private static (string Id, int Version, string MemberKey)? CurrentBySource(SqliteConnection connection, string sourceId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT consent_id, version, member_key FROM consent_current WHERE source_id = $source";
        command.Parameters.AddWithValue("$source", sourceId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt32(1), reader.GetString(2)) : null;
    }

    private static void AppendChange(SqliteConnection connection, ConsentRecord record, string memberKey)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO consent_change (consent_id, version, member_key) VALUES ($id, $version, $member)";
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$version", record.Version);
        command.Parameters.AddWithValue("$member", memberKey);
        command.ExecuteNonQuery();
    }

    private static ConsentRecord? Current(SqliteConnection connection, string consentId)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {VersionColumns} FROM consent_current c JOIN consent_version v ON v.consent_id = c.consent_id AND v.version = c.version WHERE c.consent_id = $id";
        command.Parameters.AddWithValue("$id", consentId);
        var records = ReadAll(command);
        return records.IsEmpty ? null : records[0];
    }

    private static void Append(SqliteConnection connection, ConsentRecord record)
    {
        var terms = record.Terms;
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO consent_version VALUES ($id, $version, $member, $identifiers, $partner, $purposes, $classes, $policy,
                $start, $end, $status, $source, $sourceVersion, $change, $by, $at, $reason);
            INSERT INTO consent_current (consent_id, version, member_key, partner_id, source_id) VALUES ($id, $version, $member, $partner, $source)
                ON CONFLICT (consent_id) DO UPDATE SET version = excluded.version, member_key = excluded.member_key, partner_id = excluded.partner_id;
            INSERT INTO consent_change (consent_id, version, member_key) VALUES ($id, $version, $member);
            """;
        command.Parameters.AddWithValue("$id", record.Id);
        command.Parameters.AddWithValue("$version", record.Version);
        command.Parameters.AddWithValue("$member", terms.MemberKey);
        command.Parameters.AddWithValue("$identifiers", JsonSerializer.Serialize(terms.MemberIdentifiers.ToArray()));
        command.Parameters.AddWithValue("$partner", terms.PartnerId);
        command.Parameters.AddWithValue("$purposes", JsonSerializer.Serialize(terms.PurposesOfUse.ToArray()));
        command.Parameters.AddWithValue("$classes", JsonSerializer.Serialize(terms.DataClasses.ToArray()));
        command.Parameters.AddWithValue("$policy", terms.Policy.ToString());
        command.Parameters.AddWithValue("$start", terms.PeriodStart.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$end", terms.PeriodEnd.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$status", record.Status.ToString());
        command.Parameters.AddWithValue("$source", (object?)terms.SourceId ?? DBNull.Value);
        command.Parameters.AddWithValue("$sourceVersion", (object?)terms.SourceVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$change", record.Change);
        command.Parameters.AddWithValue("$by", record.ChangedBy);
        command.Parameters.AddWithValue("$at", record.ChangedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$reason", (object?)record.Reason ?? DBNull.Value);
        command.ExecuteNonQuery();
    }

    // currentVersionOrdinal: for history reads, the column holding the current version, so older
    // versions read as superseded.
    private static ImmutableArray<ConsentRecord> ReadAll(SqliteCommand command, int currentVersionOrdinal = -1)
    {
        using var reader = command.ExecuteReader();
        var records = ImmutableArray.CreateBuilder<ConsentRecord>();
        while (reader.Read())
        {
            var terms = new ConsentTerms(
                reader.GetString(2),
                [.. JsonSerializer.Deserialize<string[]>(reader.GetString(3)) ?? []],
                reader.GetString(4),
                [.. JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? []],
                [.. JsonSerializer.Deserialize<string[]>(reader.GetString(6)) ?? []],
                Enum.Parse<ConsentPolicy>(reader.GetString(7)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9)),
                reader.IsDBNull(11) ? null : reader.GetString(11),
                reader.IsDBNull(12) ? null : reader.GetString(12));
            var version = reader.GetInt32(1);
            var status = Enum.Parse<ConsentStatus>(reader.GetString(10));
            if (currentVersionOrdinal >= 0 && version < reader.GetInt32(currentVersionOrdinal) && status == ConsentStatus.Active)
            {
                status = ConsentStatus.Superseded;
            }

            records.Add(new ConsentRecord(
                reader.GetString(0), version, terms, status, reader.GetString(13), reader.GetString(14),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(15)), reader.IsDBNull(16) ? null : reader.GetString(16)));
        }

        return records.ToImmutable();
    }
}
