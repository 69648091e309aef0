using Microsoft.Data.Sqlite;

namespace PayerTrustGateway.Storage;

/// <summary>
/// One embedded SQLite database file in WAL mode (readers never block the writer, a commit is durable
/// once it returns), opened through the provider's connection pool.
/// </summary>
internal sealed class SqliteDatabase
{
    private readonly string _connectionString;

    public SqliteDatabase(string path, TimeSpan busyTimeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, (int)busyTimeout.TotalSeconds),
        }.ToString();
    }

    /// <summary>Creates the schema (idempotent) and switches the file to WAL.</summary>
    public void Initialize(string schema)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; " + schema;
        command.ExecuteNonQuery();
    }

    /// <summary>A connection for writing: commits are synced to disk before they return (synchronous=FULL is per connection).</summary>
    public SqliteConnection OpenForWrite() => OpenForWrite(flushToDevice: true);

    /// <summary>
    /// A connection for writing. With <paramref name="flushToDevice"/> off (WAL, synchronous=NORMAL) a commit is
    /// handed to the operating system before it returns: it survives the process being killed, not a power loss.
    /// </summary>
    public SqliteConnection OpenForWrite(bool flushToDevice)
    {
        var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = flushToDevice ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
        return connection;
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
