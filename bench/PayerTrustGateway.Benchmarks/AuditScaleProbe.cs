using System.Diagnostics;
using System.Globalization;
using PayerTrustGateway.Audit;

namespace PayerTrustGateway.Benchmarks;

/// <summary>
/// <c>-- audit-scale [records]</c> (default 10,000,000): builds (once, cached in the temp folder) a trail of
/// that many chained records over 30 days (50 partners, 200 workloads, 1,000,000 members, 500,000 consents,
/// 10% denials), then times the auditor's queries with exact per-query figures: median and max of 20 runs
/// after one cold run.
/// </summary>
internal static class AuditScaleProbe
{
    private const int Runs = 20;
    private static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public static void Run(long records)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ptg-bench-audit-{records}.db");
        var build = Stopwatch.StartNew();
        var built = !File.Exists(path);
        var store = new SqliteAuditStore(path, TimeSpan.FromSeconds(30));
        if (built)
        {
            Build(store, records);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trail: {records:N0} records, {new FileInfo(path).Length / 1048576.0:N0} MiB ({(built ? "built" : "opened")} in {build.Elapsed.TotalSeconds:F1} s{(built ? $", {records / build.Elapsed.TotalSeconds:N0} records/s in 10,000-record transactions" : string.Empty)})"));
        var day = Start.AddDays(15);
        Time("partner, one day, first page of 100", () => store.Query(new AuditQuery { Partner = "plan-07", From = day, To = day.AddDays(1), Limit = 100 }).Records.Count);
        var cursor = store.Query(new AuditQuery { Partner = "plan-07", From = day, To = day.AddDays(1), Limit = 1000 }).NextCursor;
        Time("partner, one day, a later page (cursor)", () => store.Query(new AuditQuery { Partner = "plan-07", From = day, To = day.AddDays(1), Limit = 100, After = cursor }).Records.Count);
        Time("partner, whole history for one day (every record, streamed)", () => store.Stream(new AuditQuery { Partner = "plan-07", From = day, To = day.AddDays(1) }).Count());
        TimeOnce("partner, whole history for 30 days (every record, streamed)", () => store.Stream(new AuditQuery { Partner = "plan-07" }).Count(), "records read");
        Time("workload, 30 days, first page of 100", () => store.Query(new AuditQuery { Workload = "plan-07/w3", Limit = 100 }).Records.Count);
        Time("member, all records", () => store.Stream(new AuditQuery { Member = "member-424242" }).Count());
        Time("consent, all records", () => store.Stream(new AuditQuery { ConsentId = "consent-242424" }).Count());
        Time("reason consent-revoked, 7 days, first page of 100", () => store.Query(new AuditQuery { Reason = "consent-revoked", From = day, To = day.AddDays(7), Limit = 100 }).Records.Count);
        var requestId = store.Query(new AuditQuery { From = day, Limit = 1 }).Records[0].RequestId;
        Time("one decision by request id", () => store.Query(new AuditQuery { RequestId = requestId }).Records.Count);
        Time("time range only, one hour, first page of 100", () => store.Query(new AuditQuery { From = day, To = day.AddHours(1), Limit = 100 }).Records.Count);
        TimeOnce("scorecard, one day", () => (int)store.Scorecard(day, day.AddDays(1), day.AddDays(1)).Calls, "calls summarised");
    }

    private static void Build(SqliteAuditStore store, long records)
    {
        const int batch = 10_000;
        var step = TimeSpan.FromDays(30) / records;
        var previous = AuditChain.Genesis;
        var buffer = new List<AuditRecord>(batch);
        for (long n = 1; n <= records; n++)
        {
            var record = AuditChain.Link(AuditBenchmarkBed.Record(n, Start + (step * n)) with { Instance = "bench" }, n, previous);
            previous = record.Hash;
            buffer.Add(record);
            if (buffer.Count == batch || n == records)
            {
                store.Append(buffer, checkpoint: null);
                buffer.Clear();
                if (n % 1_000_000 == 0)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {n:N0} records written"));
                }
            }
        }
    }

    private static void Time(string name, Func<int> query)
    {
        var cold = Stopwatch.StartNew();
        var rows = query();
        var coldMs = cold.Elapsed.TotalMilliseconds;
        var samples = new double[Runs];
        for (var i = 0; i < Runs; i++)
        {
            var run = Stopwatch.StartNew();
            query();
            samples[i] = run.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {rows:N0} rows; first run {coldMs:F2} ms, then median {samples[Runs / 2]:F2} ms, max {samples[^1]:F2} ms"));
    }

    private static void TimeOnce(string name, Func<int> query, string what)
    {
        var run = Stopwatch.StartNew();
        var rows = query();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {rows:N0} {what} in {run.Elapsed.TotalMilliseconds:F0} ms"));
    }
}
