using System.Collections.Concurrent;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Fixed one-minute windows per (policy, workload), on the injected clock. The key space is bounded by
/// configuration (policies × workloads). Embedded, per instance; a shared counter store comes with scale-out.
/// </summary>
internal sealed class WorkloadRateLimiter
{
    private readonly ConcurrentDictionary<(string Policy, string Workload), Window> _windows = new();
    private readonly TimeProvider _time;

    public WorkloadRateLimiter(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>True when the request fits; otherwise false with the seconds until the window resets.</summary>
    public bool TryAcquire(string policy, string workload, int perMinute, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if (perMinute <= 0)
        {
            return true;
        }

        var now = _time.GetUtcNow();
        var minute = now.ToUnixTimeSeconds() / 60;
        var window = _windows.AddOrUpdate(
            (policy, workload),
            _ => new Window(minute, 1),
            (_, current) => current.Minute == minute ? current with { Count = current.Count + 1 } : new Window(minute, 1));
        if (window.Count <= perMinute)
        {
            return true;
        }

        retryAfterSeconds = (int)(60 - (now.ToUnixTimeSeconds() % 60));
        return false;
    }

    private sealed record Window(long Minute, int Count);
}
