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

    /// <summary>
    /// Require a sender-constrained access token (RFC 8705 certificate-bound or RFC 9449 DPoP-bound).
    /// Default on (STANDARDS S1.6); turning it off admits bearer tokens on this route.
    /// </summary>
    public bool RequireSenderConstrainedToken { get; set; } = true;

    /// <summary>Each access token may be used once on this route (its jti is recorded in the replay cache until exp).</summary>
    public bool SingleUseTokens { get; set; }
}
