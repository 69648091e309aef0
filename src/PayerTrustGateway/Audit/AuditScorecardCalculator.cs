using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Computes the <see cref="AuditScorecard"/> for a period from the embedded store with SQL aggregates over
/// the period's records (time index), so the report is the same whenever and wherever it is asked for.
/// </summary>
internal static class AuditScorecardCalculator
{
    /// <summary>The route recorded for the partner token endpoint.</summary>
    public const string TokenRoute = "/token";

    public const string ConsentRevokeAction = "consent.revoke";

    public const string KeyRotationAction = "signing-key.rotate";

    public const string ConsentRevokedReason = "consent-revoked";

    /// <summary>The actions of workload certificate rotation steps.</summary>
    public const string CertificateRotationActions = "'certificate.attach', 'certificate.retire'";

    /// <summary>How a partner call was bound: <c>mtls+bound-token</c>, <c>mtls</c> (token not bound, or none) or <c>none</c>.</summary>
    public static string TransportBinding(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.CertificateThumbprint is null ? "none"
            : record.TokenBinding is { } binding && binding != "none" ? "mtls+bound-token"
            : "mtls";
    }

    public static AuditScorecard Calculate(SqliteConnection connection, DateTimeOffset from, DateTimeOffset to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var period = new Period(connection, from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        var calls = period.Row($"SELECT COUNT(*), TOTAL(cert_thumbprint IS NOT NULL AND token_binding IS NOT NULL AND token_binding <> 'none') {Partner} AND route <> '{TokenRoute}'");
        var decisions = period.Row($"SELECT TOTAL(decision = 'allow'), TOTAL(decision = 'deny') {Partner}");
        var rotations = period.Row($"SELECT TOTAL(status BETWEEN 200 AND 299), TOTAL(status >= 400) {Where} AND action = '{KeyRotationAction}'");
        var certificateRotations = period.Row($"SELECT TOTAL(status BETWEEN 200 AND 299), TOTAL(status >= 400) {Where} AND action IN ({CertificateRotationActions})");
        var revocations = Revocations(period);
        var succeeded = (long)rotations[0];
        var failed = (long)rotations[1];
        return new AuditScorecard
        {
            From = from,
            To = to,
            Calls = (long)calls[0],
            MtlsBoundTokenCalls = (long)calls[1],
            MtlsBoundTokenShare = calls[0] > 0 ? calls[1] / calls[0] : null,
            Allowed = (long)decisions[0],
            Denied = (long)decisions[1],
            DenialsByReason = period.Counts($"SELECT reason, COUNT(*) {Where} AND reason IS NOT NULL GROUP BY reason"),
            AcceptedTokenLifetimeSeconds = Distribution.Of(period.Values($"SELECT token_lifetime {Partner} AND token_lifetime IS NOT NULL AND route <> '{TokenRoute}'", 1)),
            IssuedTokenLifetimeSeconds = Distribution.Of(period.Values($"SELECT token_lifetime {Partner} AND token_lifetime IS NOT NULL AND route = '{TokenRoute}'", 1)),
            ConsentDecisionMilliseconds = Distribution.Of(period.Values($"SELECT consent_us {Where} AND consent_us IS NOT NULL", 1_000)),
            Revocations = revocations,
            RevocationPropagationSeconds = Distribution.Of([.. revocations.Where(r => r.Seconds is not null).Select(r => r.Seconds!.Value)]), // filtered non-null
            ShadowDisagreements = Shadows(period),
            CertificateExpiry = Horizons(period, now),
            RotationsSucceeded = succeeded,
            RotationsFailed = failed,
            RotationSuccessRate = succeeded + failed > 0 ? succeeded / (double)(succeeded + failed) : null,
            CertificateRotationsSucceeded = (long)certificateRotations[0],
            CertificateRotationsFailed = (long)certificateRotations[1],
            Changes = period.Counts($"SELECT action, COUNT(*) {Where} AND action IS NOT NULL GROUP BY action"),
        };
    }

    private const string Where = "FROM audit_record INDEXED BY audit_record_time WHERE time >= $from AND time < $to";

    private const string Partner = Where + " AND kind = 'request' AND listener = 'partner'";

    private static ImmutableArray<RevocationPropagation> Revocations(Period period)
    {
        var revoked = new List<(string Consent, long At)>();
        using (var command = period.Command($"SELECT target, time {Where} AND action = '{ConsentRevokeAction}' AND status BETWEEN 200 AND 299 AND target IS NOT NULL ORDER BY time"))
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                revoked.Add((reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var result = ImmutableArray.CreateBuilder<RevocationPropagation>(revoked.Count);
        foreach (var (consent, at) in revoked)
        {
            using var command = period.Connection.CreateCommand();
            command.CommandText = $"SELECT MIN(time) FROM audit_record INDEXED BY audit_record_consent WHERE consent_id = $c AND time >= $at AND reason = '{ConsentRevokedReason}'";
            command.Parameters.AddWithValue("$c", consent);
            command.Parameters.AddWithValue("$at", at);
            var first = command.ExecuteScalar() is long firstAt ? firstAt : (long?)null;
            result.Add(new RevocationPropagation(consent, DateTimeOffset.FromUnixTimeMilliseconds(at),
                first is { } f ? DateTimeOffset.FromUnixTimeMilliseconds(f) : null, first is { } g ? (g - at) / 1000.0 : null));
        }

        return result.MoveToImmutable();
    }

    private static ImmutableSortedDictionary<string, long> Shadows(Period period)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using var command = period.Command($"SELECT shadow {Where} AND shadow <> '[]'");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            using var document = JsonDocument.Parse(reader.GetString(0));
            foreach (var item in document.RootElement.EnumerateArray())
            {
                var key = item.GetString() ?? string.Empty;
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        return counts.ToImmutableSortedDictionary(StringComparer.Ordinal);
    }

    private static ImmutableArray<CertificateHorizon> Horizons(Period period, DateTimeOffset now)
    {
        var result = ImmutableArray.CreateBuilder<CertificateHorizon>();
        // SQLite: with MAX(), the other bare columns come from the row holding the maximum (the latest call).
        using var command = period.Command($"SELECT workload, cert_thumbprint, cert_not_after, MAX(time) {Where} AND workload IS NOT NULL AND cert_not_after IS NOT NULL GROUP BY workload ORDER BY workload");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var notAfter = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2));
            result.Add(new CertificateHorizon(reader.GetString(0), reader.GetString(1), notAfter, Math.Round((notAfter - now).TotalDays, 2)));
        }

        return result.ToImmutable();
    }

    // The period's bounds bound to every statement.
    private sealed record Period(SqliteConnection Connection, long From, long To)
    {
        public SqliteCommand Command(string sql)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$from", From);
            command.Parameters.AddWithValue("$to", To);
            return command;
        }

        public double[] Row(string sql)
        {
            using var command = Command(sql);
            using var reader = command.ExecuteReader();
            reader.Read();
            var values = new double[reader.FieldCount];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = reader.IsDBNull(i) ? 0 : reader.GetDouble(i);
            }

            return values;
        }

        public ImmutableSortedDictionary<string, long> Counts(string sql)
        {
            using var command = Command(sql);
            using var reader = command.ExecuteReader();
            var builder = ImmutableSortedDictionary.CreateBuilder<string, long>(StringComparer.Ordinal);
            while (reader.Read())
            {
                builder[reader.GetString(0)] = reader.GetInt64(1);
            }

            return builder.ToImmutable();
        }

        public List<double> Values(string sql, double divisor)
        {
            using var command = Command(sql);
            using var reader = command.ExecuteReader();
            var values = new List<double>();
            while (reader.Read())
            {
                values.Add(reader.GetInt64(0) / divisor);
            }

            return values;
        }
    }
}
