using System.Collections.Immutable;

namespace PayerTrustGateway.LoadHarness;

/// <summary>Runs N closed-loop workers for warm-up + duration and merges their results into one report.</summary>
internal sealed class LoadRunner
{
    /// <summary>After the schedule ends, how long in-flight requests may take before they are abandoned.</summary>
    private static readonly TimeSpan HardStopGrace = TimeSpan.FromSeconds(10);

    private readonly LoadOptions options;
    private readonly TimeProvider timeProvider;

    public LoadRunner(LoadOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.options = options;
        this.timeProvider = timeProvider;
    }

    public async Task<LoadReport> RunAsync(CancellationToken cancellationToken)
    {
        using var tls = ClientTlsSettings.Load(options.ClientCertPath, options.ClientKeyPath, options.CaPath);
        var request = HttpRequestTemplate.Build(options.Url, options.Headers);
        var warmup = TimeSpan.FromSeconds(options.WarmupSeconds);
        var duration = TimeSpan.FromSeconds(options.DurationSeconds);

        // Bounded no matter what the server does: a hung read is cancelled after the grace period.
        using var hardStop = new CancellationTokenSource(warmup + duration + HardStopGrace, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, hardStop.Token);

        var schedule = LoadSchedule.Create(timeProvider, warmup, duration);
        var latencyCapacity = Math.Clamp(options.DurationSeconds * 20_000 / options.Connections, 1_024, 1 << 20);
        var workers = new LoadWorker[options.Connections];
        var runs = new Task[workers.Length];
        for (var i = 0; i < workers.Length; i++)
        {
            var worker = new LoadWorker(options.Url, request, tls, schedule, timeProvider, latencyCapacity);
            workers[i] = worker;
            runs[i] = Task.Run(() => worker.RunAsync(linked.Token), linked.Token);
        }

        await Task.WhenAll(runs);
        return Summarize(workers, schedule);
    }

    private LoadReport Summarize(LoadWorker[] workers, LoadSchedule schedule)
    {
        long total = 0, nonSuccess = 0, transport = 0, reconnects = 0, abandoned = 0, bodyBytes = 0, last = 0;
        var failedConnections = 0;
        string? firstError = null;
        var statusCounts = new long[WorkerStats.StatusCodeSlots];
        var recorders = new LatencyRecorder[workers.Length];
        for (var i = 0; i < workers.Length; i++)
        {
            var stats = workers[i].Stats;
            recorders[i] = stats.Latencies;
            total += stats.Latencies.Count;
            nonSuccess += stats.NonSuccessResponses;
            transport += stats.TransportErrors;
            reconnects += stats.Reconnects;
            abandoned += stats.Abandoned;
            bodyBytes += stats.BodyBytes;
            last = Math.Max(last, stats.LastCompletion);
            failedConnections += stats.NeverConnected ? 1 : 0;
            firstError ??= stats.FirstError;
            for (var code = 0; code < statusCounts.Length; code++)
            {
                statusCounts[code] += stats.StatusCounts[code];
            }
        }

        var histogram = ImmutableSortedDictionary.CreateBuilder<int, long>();
        for (var code = 0; code < statusCounts.Length; code++)
        {
            if (statusCounts[code] > 0)
            {
                histogram.Add(code, statusCounts[code]);
            }
        }

        var elapsed = total == 0 ? 0 : timeProvider.GetElapsedTime(schedule.MeasureStart, last).TotalSeconds;
        var latency = LatencyRecorder.Summarize(recorders);
        return new LoadReport(
            options.Label, options.Url.AbsoluteUri, options.Connections, options.WarmupSeconds, options.DurationSeconds,
            elapsed, total, elapsed > 0 ? total / elapsed : 0,
            latency.P50Ms, latency.P90Ms, latency.P99Ms, latency.MaxMs, latency.MeanMs,
            nonSuccess, transport, reconnects, abandoned, failedConnections, bodyBytes,
            histogram.ToImmutable(), firstError);
    }
}
