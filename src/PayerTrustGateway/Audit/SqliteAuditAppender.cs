using Microsoft.Data.Sqlite;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Audit;

/// <summary>
/// The audit store's write side: one long-lived write connection with the record insert prepared once,
/// reused for every group commit (opening a connection and preparing a 46-parameter insert per commit cost
/// more than the inserts of a small batch). Any failure drops the connection; the next commit opens a new one.
/// </summary>
internal sealed class SqliteAuditAppender(SqliteDatabase database, bool flushToDevice) : IDisposable
{
    private readonly Lock _lock = new();
    private SqliteConnection? _connection;
    private SqliteCommand? _insert;
    private SqliteCommand? _checkpoint;

    public void Append(IReadOnlyList<AuditRecord> records, AuditCheckpoint? checkpoint)
    {
        lock (_lock)
        {
            try
            {
                AppendCore(records, checkpoint);
            }
            catch
            {
                Close();
                throw;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            Close();
        }
    }

    private void AppendCore(IReadOnlyList<AuditRecord> records, AuditCheckpoint? checkpoint)
    {
        if (_connection is null)
        {
            _connection = database.OpenForWrite(flushToDevice);
            _insert = SqliteAuditRows.CreateInsert(_connection);
            _checkpoint = CreateCheckpointInsert(_connection);
        }

        using var transaction = _connection.BeginTransaction();
        _insert!.Transaction = transaction; // created with the connection above
        foreach (var record in records)
        {
            SqliteAuditRows.Bind(_insert, record);
            _insert.ExecuteNonQuery();
        }

        if (checkpoint is not null)
        {
            _checkpoint!.Transaction = transaction; // created with the connection above
            _checkpoint.Parameters["$i"].Value = checkpoint.Instance;
            _checkpoint.Parameters["$s"].Value = checkpoint.Sequence;
            _checkpoint.Parameters["$h"].Value = checkpoint.Hash;
            _checkpoint.Parameters["$t"].Value = checkpoint.Time.ToUnixTimeMilliseconds();
            _checkpoint.Parameters["$k"].Value = checkpoint.KeyId;
            _checkpoint.Parameters["$g"].Value = checkpoint.Signature;
            _checkpoint.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static SqliteCommand CreateCheckpointInsert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit_checkpoint (instance, seq, hash, time, kid, signature) VALUES ($i, $s, $h, $t, $k, $g)";
        foreach (var name in new[] { "$i", "$s", "$h", "$t", "$k", "$g" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void Close()
    {
        _insert?.Dispose();
        _checkpoint?.Dispose();
        _connection?.Dispose();
        (_insert, _checkpoint, _connection) = (null, null, null);
    }
}
