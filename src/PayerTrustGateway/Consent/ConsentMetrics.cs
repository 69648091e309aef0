using System.Diagnostics.Metrics;
using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Consent;

/// <summary>Consent metrics (meter <c>PayerTrustGateway</c>): decisions by reason, decision latency, guard outcomes.</summary>
internal sealed class ConsentMetrics
{
    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _guarded;

    public ConsentMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
#pragma warning disable CA2000 // The factory owns and disposes the meter.
        var meter = meters.Create(PolicyMetrics.MeterName);
#pragma warning restore CA2000
        _decisions = meter.CreateCounter<long>("ptg.consent.decisions", description: "Live-consent decisions by reason code.");
        _latency = meter.CreateHistogram<double>("ptg.consent.decision.duration", unit: "s", description: "Time to decide live consent for one request (registry read included).");
        _guarded = meter.CreateCounter<long>("ptg.consent.guard", description: "Member-scoped answers inspected by the response guard, by outcome (passed, redacted, withheld).");
    }

    public void Decided(string reason, TimeSpan elapsed)
    {
        _decisions.Add(1, new KeyValuePair<string, object?>("reason", reason));
        _latency.Record(elapsed.TotalSeconds);
    }

    public void Guarded(string outcome) => _guarded.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
