using System.Collections.Frozen;
using System.Globalization;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Reads an <see cref="AuditQuery"/> from name/value parameters (the admin API's query string and the
/// command line share it). Strict: an unknown parameter, a repeated one or a malformed value is an error
/// naming the parameter, never a silently wider search.
/// </summary>
internal static class AuditQueryParser
{
    public const int MaxValueLength = 256;

    /// <summary>The filter parameters, as documented in the README.</summary>
    public static readonly FrozenSet<string> Names = FrozenSet.Create(StringComparer.Ordinal,
        "partner", "workload", "member", "consent", "request", "reason", "decision", "kind", "from", "to", "limit", "cursor");

    public static bool TryParse(IEnumerable<KeyValuePair<string, IReadOnlyList<string>>> parameters, int maxPageSize, int defaultPageSize, out AuditQuery query, out List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        problems = [];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, given) in parameters)
        {
            if (!Names.Contains(name))
            {
                problems.Add($"Unknown parameter '{Shorten(name)}'; use {string.Join(", ", Names.Order(StringComparer.Ordinal))}.");
            }
            else if (given.Count != 1 || string.IsNullOrWhiteSpace(given[0]) || given[0].Length > MaxValueLength || given[0].Any(char.IsControl))
            {
                problems.Add($"Parameter '{name}' must be given once, with a value of 1-{MaxValueLength} printable characters.");
            }
            else
            {
                values[name] = given[0].Trim();
            }
        }

        query = new AuditQuery
        {
            Partner = values.GetValueOrDefault("partner"),
            Workload = values.GetValueOrDefault("workload"),
            Member = values.GetValueOrDefault("member"),
            ConsentId = values.GetValueOrDefault("consent"),
            RequestId = values.GetValueOrDefault("request"),
            Reason = values.GetValueOrDefault("reason"),
            Decision = Decision(values.GetValueOrDefault("decision"), problems),
            Kind = Kind(values.GetValueOrDefault("kind"), problems),
            From = Time(values, "from", problems),
            To = Time(values, "to", problems),
            Limit = Limit(values.GetValueOrDefault("limit"), maxPageSize, defaultPageSize, problems),
            After = Cursor(values.GetValueOrDefault("cursor"), problems),
        };
        if (query.From is { } from && query.To is { } to && to <= from)
        {
            problems.Add("Parameter 'to' must be later than 'from'.");
        }

        return problems.Count == 0;
    }

    private static string? Decision(string? value, List<string> problems)
    {
        if (value is null or AuditDecisions.Allow or AuditDecisions.Deny)
        {
            return value;
        }

        problems.Add("Parameter 'decision' must be 'allow' or 'deny'.");
        return null;
    }

    private static AuditKind? Kind(string? value, List<string> problems) => value switch
    {
        null => null,
        "request" => AuditKind.Request,
        "change" => AuditKind.Change,
        _ => Problem<AuditKind?>(problems, "Parameter 'kind' must be 'request' or 'change'."),
    };

    private static DateTimeOffset? Time(Dictionary<string, string> values, string name, List<string> problems)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : Problem<DateTimeOffset?>(problems, $"Parameter '{name}' must be an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T08:00:00Z.");
    }

    private static int Limit(string? value, int max, int fallback, List<string> problems)
    {
        if (value is null)
        {
            return Math.Min(fallback, max);
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= max
            ? limit
            : Problem<int>(problems, $"Parameter 'limit' must be a whole number from 1 to {max}.");
    }

    private static AuditCursor? Cursor(string? value, List<string> problems)
    {
        if (value is null)
        {
            return null;
        }

        return AuditCursor.TryParse(value, out var cursor) ? cursor : Problem<AuditCursor?>(problems, "Parameter 'cursor' is not a cursor this API returned.");
    }

    private static T Problem<T>(List<string> problems, string problem)
    {
        problems.Add(problem);
        return default!; // the caller reports the problems and never uses the value
    }

    private static string Shorten(string text) => text.Length <= 40 ? new string([.. text.Where(c => !char.IsControl(c))]) : text[..40] + "…";
}
