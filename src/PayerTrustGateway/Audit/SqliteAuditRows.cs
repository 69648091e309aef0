using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PayerTrustGateway.Audit;

/// <summary>Maps <see cref="AuditRecord"/> to and from an <c>audit_record</c> row (lists as JSON arrays, times as Unix ms).</summary>
internal static class SqliteAuditRows
{
    private static readonly string[] Parameters =
    [
        "$instance", "$seq", "$time", "$kind", "$request_id", "$trace_id", "$listener", "$actor_kind", "$actor", "$partner", "$workload",
        "$cert_thumbprint", "$cert_not_after", "$token_issuer", "$token_client", "$token_id", "$token_binding", "$token_lifetime", "$member", "$consent_id",
        "$consent_version", "$purposes", "$policy", "$rule", "$decision", "$reason", "$evidence", "$shadow", "$method", "$route",
        "$interaction", "$resource_type", "$operation", "$status", "$latency_us", "$consent_us", "$match_confidence", "$exception_id",
        "$break_glass", "$action", "$target", "$before_state", "$after_state", "$prev_hash", "$hash",
    ];

    public static SqliteCommand CreateInsert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO audit_record ({string.Join(", ", Parameters.Select(p => p[1..]))}) VALUES ({string.Join(", ", Parameters)})";
        foreach (var name in Parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public static void Bind(SqliteCommand insert, AuditRecord record)
    {
        object?[] values =
        [
            record.Instance, record.Sequence, record.Time.ToUnixTimeMilliseconds(), record.Kind == AuditKind.Request ? "request" : "change",
            record.RequestId, record.TraceId, record.Listener, record.ActorKind, record.Actor, record.Partner, record.Workload,
            record.CertificateThumbprint, record.CertificateNotAfter?.ToUnixTimeMilliseconds(), record.TokenIssuer, record.TokenClient, record.TokenId, record.TokenBinding, record.TokenLifetimeSeconds,
            record.Member, record.ConsentId, record.ConsentVersion, ToJson(record.PurposesOfUse), record.Policy, record.Rule, record.Decision,
            record.Reason, ToJson(record.Evidence), ToJson(record.ShadowDisagreements), record.Method, record.Route, record.Interaction,
            record.ResourceType, record.Operation, record.Status, record.LatencyMicroseconds, record.ConsentMicroseconds, record.MatchConfidence,
            record.ExceptionId, record.BreakGlass ? 1 : 0, record.Action, record.Target, record.Before, record.After,
            record.PreviousHash.ToArray(), record.Hash.ToArray(),
        ];
        for (var i = 0; i < values.Length; i++)
        {
            insert.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }

    /// <summary>Reads a row selected with <see cref="SqliteAuditStore.Columns"/> (column 0 is the row id).</summary>
    public static AuditRecord Read(SqliteDataReader row) => new()
    {
        Instance = row.GetString(1),
        Sequence = row.GetInt64(2),
        Time = DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(3)),
        Kind = row.GetString(4) == "request" ? AuditKind.Request : AuditKind.Change,
        RequestId = row.GetString(5),
        TraceId = Text(row, 6),
        Listener = Text(row, 7),
        ActorKind = row.GetString(8),
        Actor = Text(row, 9),
        Partner = Text(row, 10),
        Workload = Text(row, 11),
        CertificateThumbprint = Text(row, 12),
        CertificateNotAfter = row.IsDBNull(13) ? null : DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(13)),
        TokenIssuer = Text(row, 14),
        TokenClient = Text(row, 15),
        TokenId = Text(row, 16),
        TokenBinding = Text(row, 17),
        TokenLifetimeSeconds = row.IsDBNull(18) ? null : row.GetInt64(18),
        Member = Text(row, 19),
        ConsentId = Text(row, 20),
        ConsentVersion = row.IsDBNull(21) ? null : row.GetInt32(21),
        PurposesOfUse = FromJson(row.GetString(22)),
        Policy = Text(row, 23),
        Rule = Text(row, 24),
        Decision = row.GetString(25),
        Reason = Text(row, 26),
        Evidence = FromJson(row.GetString(27)),
        ShadowDisagreements = FromJson(row.GetString(28)),
        Method = Text(row, 29),
        Route = Text(row, 30),
        Interaction = Text(row, 31),
        ResourceType = Text(row, 32),
        Operation = Text(row, 33),
        Status = row.GetInt32(34),
        LatencyMicroseconds = row.GetInt64(35),
        ConsentMicroseconds = row.IsDBNull(36) ? null : row.GetInt64(36),
        MatchConfidence = row.IsDBNull(37) ? null : row.GetDouble(37),
        ExceptionId = Text(row, 38),
        BreakGlass = row.GetInt64(39) != 0,
        Action = Text(row, 40),
        Target = Text(row, 41),
        Before = Text(row, 42),
        After = Text(row, 43),
        PreviousHash = ImmutableArray.Create((byte[])row.GetValue(44)),
        Hash = ImmutableArray.Create((byte[])row.GetValue(45)),
    };

    private static string? Text(SqliteDataReader row, int ordinal) => row.IsDBNull(ordinal) ? null : row.GetString(ordinal);

    private static string ToJson(ImmutableArray<string> values)
    {
        if (values.IsDefaultOrEmpty)
        {
            return "[]";
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var value in values)
            {
                json.WriteStringValue(value);
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    // A list column that is not a JSON array of strings reads as one element holding the raw text, so the
    // recomputed hash no longer matches and verification names the record.
    private static ImmutableArray<string> FromJson(string text)
    {
        if (text == "[]")
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind == JsonValueKind.Array
                && document.RootElement.EnumerateArray().All(item => item.ValueKind == JsonValueKind.String))
            {
                // GetString() of a String element is never null (checked above).
                return [.. document.RootElement.EnumerateArray().Select(item => item.GetString()!)];
            }
        }
        catch (JsonException)
        {
        }

        return [text];
    }
}
