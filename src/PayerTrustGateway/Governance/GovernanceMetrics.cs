using System.Diagnostics.Metrics;

namespace PayerTrustGateway.Governance;

/// <summary>Governance metrics (meter <c>PayerTrustGateway</c>): certificate rotation steps, refused ones included.</summary>
internal sealed class GovernanceMetrics
{
    private readonly Counter<long> _rotations;

    public GovernanceMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory owns and disposes the meter.
#pragma warning disable CA2000
        var meter = meters.Create(Policy.PolicyMetrics.MeterName);
#pragma warning restore CA2000
        _rotations = meter.CreateCounter<long>("ptg.governance.certificate_rotations", description: "Workload certificate rotation steps by outcome (attached, retired, refused).");
    }

    public void Rotation(string outcome) => _rotations.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
