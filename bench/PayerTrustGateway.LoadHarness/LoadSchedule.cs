namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// The phases of one run as <see cref="TimeProvider"/> timestamps. A request belongs to the measured phase when it
/// starts at or after <see cref="MeasureStart"/>; no request starts at or after <see cref="End"/>.
/// </summary>
internal readonly record struct LoadSchedule(long Begin, long MeasureStart, long End)
{
    public static LoadSchedule Create(TimeProvider timeProvider, TimeSpan warmup, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        var begin = timeProvider.GetTimestamp();
        var measureStart = begin + ToTimestampTicks(timeProvider, warmup);
        return new LoadSchedule(begin, measureStart, measureStart + ToTimestampTicks(timeProvider, duration));
    }

    public bool IsMeasured(long timestamp) => timestamp >= MeasureStart;

    private static long ToTimestampTicks(TimeProvider timeProvider, TimeSpan span) =>
        (long)(span.TotalSeconds * timeProvider.TimestampFrequency);
}
