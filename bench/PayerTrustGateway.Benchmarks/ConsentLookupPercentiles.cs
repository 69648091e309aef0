using System.Diagnostics;
using System.Globalization;

namespace PayerTrustGateway.Benchmarks;

/// <summary>
/// <c>-- consent-percentiles</c>: exact per-lookup p50/p99 for the consent decision at 1,000,000 records
/// (BenchmarkDotNet reports means of batches, not per-call percentiles), and the memory it takes.
/// </summary>
internal static class ConsentLookupPercentiles
{
    public static void Run()
    {
        var build = Stopwatch.StartNew();
        var store = ConsentBenchmarkStore.Open(ConsentBenchmarkStore.Records);
        Console.WriteLine($"store ready: {ConsentBenchmarkStore.Records:N0} consents ({build.Elapsed.TotalSeconds:F1} s to open or build)");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var warm = ConsentBenchmarkStore.Registry(store, 100_000);
        var cold = ConsentBenchmarkStore.Registry(store, 0);
        Measure("warm (cached member, position read per lookup)", i => warm.GetAsync(ConsentBenchmarkStore.Member(i % 100_000), default).AsTask(), warmUp: 100_000);
        var afterWarm = GC.GetTotalMemory(forceFullCollection: true);
        Measure("cold (indexed store read per lookup)", i => cold.GetAsync(ConsentBenchmarkStore.Member((int)((i * 7919L) % ConsentBenchmarkStore.Records)), default).AsTask(), warmUp: 10_000);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"managed heap: {before / 1048576.0:F1} MiB before, {afterWarm / 1048576.0:F1} MiB with {warm.CachedMembers:N0} members cached; working set {Environment.WorkingSet / 1048576.0:F0} MiB; database file {new FileInfo(Path.Combine(Path.GetTempPath(), $"ptg-bench-consents-{ConsentBenchmarkStore.Records}.db")).Length / 1048576.0:F0} MiB"));
    }

    private static void Measure(string name, Func<int, Task> lookup, int warmUp)
    {
        for (var i = 0; i < warmUp; i++)
        {
            lookup(i).GetAwaiter().GetResult();
        }

        const int count = 200_000;
        var samples = new long[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            lookup(i).GetAwaiter().GetResult();
            samples[i] = Stopwatch.GetTimestamp() - start;
        }

        Array.Sort(samples);
        double Micro(double quantile) => samples[(int)Math.Min(count - 1, Math.Ceiling(quantile * count) - 1)] * 1_000_000.0 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: p50 {Micro(0.50):F1} µs, p99 {Micro(0.99):F1} µs, max {Micro(1.0):F1} µs over {count:N0} lookups"));
    }
}
