namespace PayerTrustGateway.LoadHarness;

/// <summary>Exact latency statistics over every measured request, in milliseconds.</summary>
internal sealed record LatencySummary(double P50Ms, double P90Ms, double P99Ms, double MaxMs, double MeanMs)
{
    public static readonly LatencySummary Empty = new(0, 0, 0, 0, 0);
}
