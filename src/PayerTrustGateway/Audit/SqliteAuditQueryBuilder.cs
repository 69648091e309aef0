using System.Text;
using Microsoft.Data.Sqlite;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Builds the SQL for an <see cref="AuditQuery"/>. The most selective filter picks the index (request id,
/// consent, member, workload, partner, reason, else time); every index ends in time order and carries the
/// row id, so a page is an index range scan with no sort, whatever the size of the trail.
/// </summary>
internal static class SqliteAuditQueryBuilder
{
    public static SqliteCommand Build(SqliteConnection connection, AuditQuery query, int? limit)
    {
        var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT ").Append(SqliteAuditStore.Columns).Append(" FROM audit_record INDEXED BY ").Append(IndexFor(query)).Append(" WHERE 1 = 1");
        Filter(command, sql, "request_id", "$request", query.RequestId);
        Filter(command, sql, "consent_id", "$consent", query.ConsentId);
        Filter(command, sql, "member", "$member", query.Member);
        Filter(command, sql, "workload", "$workload", query.Workload);
        Filter(command, sql, "partner", "$partner", query.Partner);
        Filter(command, sql, "reason", "$reason", query.Reason);
        Filter(command, sql, "decision", "$decision", query.Decision);
        Filter(command, sql, "kind", "$kind", query.Kind switch { AuditKind.Request => "request", AuditKind.Change => "change", _ => null });
        if (query.From is { } from)
        {
            sql.Append(" AND time >= $from");
            command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        }

        if (query.To is { } to)
        {
            sql.Append(" AND time < $to");
            command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        }

        if (query.After is { } after)
        {
            sql.Append(" AND (time > $afterTime OR (time = $afterTime AND id > $afterRow))");
            command.Parameters.AddWithValue("$afterTime", after.TimeMilliseconds);
            command.Parameters.AddWithValue("$afterRow", after.RowId);
        }

        sql.Append(query.RequestId is null ? " ORDER BY time, id" : " ORDER BY id");
        if (limit is { } rows)
        {
            sql.Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", rows);
        }

        command.CommandText = sql.ToString();
        return command;
    }

    private static string IndexFor(AuditQuery query) =>
        query.RequestId is not null ? "audit_record_request"
        : query.ConsentId is not null ? "audit_record_consent"
        : query.Member is not null ? "audit_record_member"
        : query.Workload is not null ? "audit_record_workload"
        : query.Partner is not null ? "audit_record_partner"
        : query.Reason is not null ? "audit_record_reason"
        : "audit_record_time";

    private static void Filter(SqliteCommand command, StringBuilder sql, string column, string parameter, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(" AND ").Append(column).Append(" = ").Append(parameter);
        command.Parameters.AddWithValue(parameter, value);
    }
}
