using System.Diagnostics.Metrics;
using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Audit;

/// <summary>
/// The audit writer's own instruments, and the live scorecard instruments fed by every committed record
/// (names in docs/observability.md). The scorecard report itself is computed from the store
/// (<see cref="AuditScorecardCalculator"/>), so it never depends on counters that reset.
/// </summary>
internal sealed class AuditMetrics
{
    private const int TrackedRevocations = 4096;

    private readonly Counter<long> _records;
    private readonly Counter<long> _failures;
    private readonly Histogram<double> _commit;
    private readonly Histogram<long> _batch;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _tokenLifetime;
    private readonly Histogram<double> _revocationPropagation;
    private readonly Counter<long> _denials;
    private readonly Counter<long> _rotations;
    private readonly Meter _meter;
    private readonly Lock _revocationsLock = new();
    private readonly Dictionary<string, DateTimeOffset> _revocations = new(StringComparer.Ordinal);
    private readonly Queue<string> _revocationOrder = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _certificates = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    public AuditMetrics(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _meter = meters.Create(PolicyMetrics.MeterName);
        _records = _meter.CreateCounter<long>("ptg.audit.records", description: "Audit records committed, by kind and decision.");
        _failures = _meter.CreateCounter<long>("ptg.audit.commit_failures", description: "Audit records whose commit failed (sync: the request was refused; async: retried).");
        _commit = _meter.CreateHistogram<double>("ptg.audit.commit.duration", unit: "s", description: "Time of one group commit.");
        _batch = _meter.CreateHistogram<long>("ptg.audit.commit.records", description: "Records per group commit.");
        _calls = _meter.CreateCounter<long>("ptg.scorecard.calls", description: "Partner calls by transport binding: mtls+bound-token, mtls (token not bound), none.");
        _tokenLifetime = _meter.CreateHistogram<double>("ptg.scorecard.token.lifetime", unit: "s", description: "Lifetime (exp - iat) of tokens accepted on partner calls and issued by /token.");
        _revocationPropagation = _meter.CreateHistogram<double>("ptg.scorecard.revocation.propagation", unit: "s", description: "From a consent revocation's commit to the first request it refused on this instance.");
        _denials = _meter.CreateCounter<long>("ptg.scorecard.denials", description: "Refused requests by reason code.");
        // Authenticated workloads only (bounded by configuration): the latest certificate each presented.
        _meter.CreateObservableGauge("ptg.scorecard.certificate.expiry_horizon", ObserveHorizons, unit: "d", description: "Days until the latest client certificate each workload presented expires.");
        _rotations = _meter.CreateCounter<long>("ptg.scorecard.rotations", description: "Signing-key rotations by outcome (succeeded, failed).");
    }

    public void ObserveQueue(Func<int> depth) =>
        _meter.CreateObservableGauge("ptg.audit.queue.depth", depth, description: "Audit records waiting to be committed.");

    private IEnumerable<Measurement<double>> ObserveHorizons()
    {
        var now = _time.GetUtcNow();
        return _certificates.Select(pair => new Measurement<double>((pair.Value - now).TotalDays, new KeyValuePair<string, object?>("workload", pair.Key)));
    }

    public void CommitFailed(int records) => _failures.Add(records);

    public void Committed(IReadOnlyList<AuditRecord> records, TimeSpan duration)
    {
        if (records.Count == 0)
        {
            return;
        }

        _commit.Record(duration.TotalSeconds);
        _batch.Record(records.Count);
        foreach (var record in records)
        {
            _records.Add(1, new KeyValuePair<string, object?>("kind", record.Kind == AuditKind.Request ? "request" : "change"), new KeyValuePair<string, object?>("decision", record.Decision));
            Score(record);
        }
    }

    private void Score(AuditRecord record)
    {
        if (record.Reason is { } reason)
        {
            _denials.Add(1, new KeyValuePair<string, object?>("reason", reason));
        }

        if (record.TokenLifetimeSeconds is { } lifetime)
        {
            _tokenLifetime.Record(lifetime, new KeyValuePair<string, object?>("source", record.Route == AuditScorecardCalculator.TokenRoute ? "issued" : "accepted"));
        }

        if (record.Workload is { } workload && record.CertificateNotAfter is { } notAfter)
        {
            _certificates[workload] = notAfter;
        }

        if (record.Listener == "partner" && record.Route != AuditScorecardCalculator.TokenRoute)
        {
            _calls.Add(1, new KeyValuePair<string, object?>("binding", AuditScorecardCalculator.TransportBinding(record)));
        }

        if (record.Action == AuditScorecardCalculator.KeyRotationAction)
        {
            _rotations.Add(1, new KeyValuePair<string, object?>("outcome", record.Status is >= 200 and < 300 ? "succeeded" : "failed"));
        }

        TrackRevocation(record);
    }

    // Revocation propagation: remember each revocation committed here, and measure to the first refusal that names it.
    private void TrackRevocation(AuditRecord record)
    {
        lock (_revocationsLock)
        {
            if (record.Action == AuditScorecardCalculator.ConsentRevokeAction && record.Target is { } revoked && record.Status is >= 200 and < 300)
            {
                if (_revocations.Count >= TrackedRevocations && _revocationOrder.TryDequeue(out var oldest))
                {
                    _revocations.Remove(oldest);
                }

                _revocations[revoked] = record.Time;
                _revocationOrder.Enqueue(revoked);
            }
            else if (record.Reason == AuditScorecardCalculator.ConsentRevokedReason && record.ConsentId is { } consent
                && _revocations.Remove(consent, out var at))
            {
                _revocationPropagation.Record(Math.Max(0, (record.Time - at).TotalSeconds));
            }
        }
    }
}
