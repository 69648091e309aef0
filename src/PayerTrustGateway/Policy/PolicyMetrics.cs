using System.Diagnostics.Metrics;

namespace PayerTrustGateway.Policy;

/// <summary>Policy decision metrics (meter <c>PayerTrustGateway</c>).</summary>
internal sealed class PolicyMetrics
{
    public const string MeterName = "PayerTrustGateway";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _shadowDisagreements;

    public PolicyMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory owns and disposes the meter.
#pragma warning disable CA2000
        var meter = meters.Create(MeterName);
#pragma warning restore CA2000
        _decisions = meter.CreateCounter<long>("ptg.policy.decisions", description: "Route policy decisions by policy and reason.");
        _shadowDisagreements = meter.CreateCounter<long>("ptg.policy.shadow_disagreements", description: "Requests on which a shadow policy decided differently from the enforced one.");
    }

    public void Decided(string policy, string reason) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("reason", reason));

    public void ShadowDisagreed(string policy, string shadow) =>
        _shadowDisagreements.Add(1, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("shadow", shadow));
}
