namespace PayerTrustGateway.Policy;

/// <summary>
/// Who a route admits. A request is allowed when its authenticated workload's partner is listed in
/// <see cref="Partners"/> or the workload itself is listed in <see cref="Workloads"/>; everything
/// else is refused (403, default deny).
/// </summary>
public sealed class TrustPolicyOptions
{
    /// <summary>Partner ids whose every active workload is admitted.</summary>
    public List<string> Partners { get; set; } = [];

    /// <summary>Workloads admitted individually, as "partnerId/workloadId".</summary>
    public List<string> Workloads { get; set; } = [];
}
