namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// Keeps every measured latency of one worker (as <see cref="TimeSpan"/> ticks), so percentiles are exact
/// rather than estimated from a histogram. One recorder per worker: no locking on the hot path.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> ticks;

    public LatencyRecorder(int initialCapacity) => ticks = new List<long>(initialCapacity);

    public int Count => ticks.Count;

    public void Record(TimeSpan latency) => ticks.Add(latency.Ticks);

    /// <summary>Merges all recorders, sorts, and reads nearest-rank percentiles.</summary>
    public static LatencySummary Summarize(IReadOnlyList<LatencyRecorder> recorders)
    {
        ArgumentNullException.ThrowIfNull(recorders);
        var total = 0;
        foreach (var recorder in recorders)
        {
            total += recorder.Count;
        }

        if (total == 0)
        {
            return LatencySummary.Empty;
        }

        var all = new long[total];
        var offset = 0;
        decimal sum = 0;
        foreach (var recorder in recorders)
        {
            recorder.ticks.CopyTo(all, offset);
            offset += recorder.Count;
            foreach (var value in recorder.ticks)
            {
                sum += value;
            }
        }

        Array.Sort(all);
        return new LatencySummary(
            ToMilliseconds(NearestRank(all, 50)),
            ToMilliseconds(NearestRank(all, 90)),
            ToMilliseconds(NearestRank(all, 99)),
            ToMilliseconds(all[^1]),
            (double)(sum / total) / TimeSpan.TicksPerMillisecond);
    }

    /// <summary>Nearest-rank percentile: the value at rank ceil(p/100 * n), 1-based, in integer arithmetic.</summary>
    public static long NearestRank(long[] sorted, int percent)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        var rank = ((percent * (long)sorted.Length) + 99) / 100;
        return sorted[Math.Max(rank, 1) - 1];
    }

    private static double ToMilliseconds(long ticks) => (double)ticks / TimeSpan.TicksPerMillisecond;
}
