using System.Diagnostics.Metrics;

namespace PayerTrustGateway.Policy;

/// <summary>Policy decision metrics (meter <c>PayerTrustGateway</c>).</summary>
internal sealed class PolicyMetrics
{
    public const string MeterName = "PayerTrustGateway";

    private readonly Counter<long> _decisions;
    private readonly Counter<long> _shadowDisagreements;
    private readonly Counter<long> _grantUses;

    public PolicyMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        // The factory owns and disposes the meter.
#pragma warning disable CA2000
        var meter = meters.Create(MeterName);
#pragma warning restore CA2000
        _decisions = meter.CreateCounter<long>("ptg.policy.decisions", description: "Route policy decisions by policy and reason.");
        _grantUses = meter.CreateCounter<long>("ptg.governance.grant_uses", description: "Requests let through by an exception or break-glass grant, by policy and kind.");
        _shadowDisagreements = meter.CreateCounter<long>("ptg.policy.shadow_disagreements", description: "Requests on which a shadow policy decided differently from the enforced one.");
    }

    public void Decided(string policy, string reason) =>
        _decisions.Add(1, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("reason", reason));

    public void ShadowDisagreed(string policy, string shadow) =>
        _shadowDisagreements.Add(1, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("shadow", shadow));

    public void GrantUsed(string policy, Governance.GrantKind kind) =>
        _grantUses.Add(1, new KeyValuePair<string, object?>("policy", policy), new KeyValuePair<string, object?>("kind", kind == Governance.GrantKind.BreakGlass ? "break-glass" : "exception"));
}
