using Microsoft.Extensions.Options;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Governance;

/// <summary>
/// The embedded governance store (<c>governance.db</c>): one row per record, keyed by kind and key, its body
/// the record as JSON. The history of every change is in the audit trail (before and after), not here.
/// </summary>
internal sealed class SqliteGovernanceStore : IGovernanceStore
{
    public const string FileName = "governance.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS governance_record (
            kind TEXT NOT NULL, key TEXT NOT NULL, body TEXT NOT NULL, updated_at INTEGER NOT NULL,
            PRIMARY KEY (kind, key)) WITHOUT ROWID;
        """;

    private readonly SqliteDatabase _database;

    public SqliteGovernanceStore(IOptions<StorageOptions> options)
        : this(options?.Value.DatabasePath(FileName) ?? throw new ArgumentNullException(nameof(options)), options.Value.BusyTimeout)
    {
    }

    public SqliteGovernanceStore(string path, TimeSpan busyTimeout)
    {
        _database = new SqliteDatabase(path, busyTimeout);
        _database.Initialize(Schema);
    }

    public IReadOnlyList<object> LoadAll()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, key, body FROM governance_record ORDER BY kind, key";
        using var reader = command.ExecuteReader();
        var documents = new List<object>();
        while (reader.Read())
        {
            try
            {
                documents.Add(GovernanceDocuments.Deserialize(reader.GetString(0), reader.GetString(2)));
            }
            catch (System.Text.Json.JsonException exception)
            {
                // A record this gateway cannot read must stop it rather than be skipped (a skipped suspension would let a workload in).
                throw new InvalidDataException($"Governance record {reader.GetString(0)}/{reader.GetString(1)} cannot be read.", exception);
            }
        }

        return documents;
    }

    public async Task SaveAsync(IReadOnlyList<object> documents, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await using var connection = _database.OpenForWrite();
        await using var transaction = connection.BeginTransaction();
        foreach (var document in documents)
        {
            var (kind, key) = GovernanceDocuments.Identify(document);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO governance_record (kind, key, body, updated_at) VALUES ($kind, $key, $body, $at) "
                + "ON CONFLICT (kind, key) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at";
            command.Parameters.AddWithValue("$kind", kind);
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$body", GovernanceDocuments.Serialize(document));
            command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }
}
