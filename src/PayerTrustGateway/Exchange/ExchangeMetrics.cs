using System.Diagnostics.Metrics;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Exchange;

/// <summary>Token-exchange metrics (meter <c>PayerTrustGateway</c>): downstream tokens by source and outcome, and time to obtain one.</summary>
internal sealed class ExchangeMetrics
{
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _duration;
    private readonly TimeProvider _time;

    public ExchangeMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(time);
#pragma warning disable CA2000 // The factory owns and disposes the meter.
        var meter = meters.Create(PolicyMetrics.MeterName);
#pragma warning restore CA2000
        _time = time;
        _tokens = meter.CreateCounter<long>("ptg.exchange.tokens", description: "Downstream tokens by source (mint, external, cache) and outcome (issued or the refusal code).");
        _duration = meter.CreateHistogram<double>("ptg.exchange.duration", unit: "s", description: "Time to mint or exchange one downstream token (cache hits excluded).");
    }

    public long Start() => _time.GetTimestamp();

    public void Obtained(string source) =>
        _tokens.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", "issued"));

    public void Finished(string source, DenyReason reason, long started)
    {
        _tokens.Add(1, new KeyValuePair<string, object?>("source", source), new KeyValuePair<string, object?>("outcome", reason == DenyReason.None ? "issued" : DenialCatalog.Descriptors[reason].Code));
        _duration.Record(_time.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("source", source));
    }
}
