using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

internal static partial class PolicyLog
{
    [LoggerMessage(6001, LogLevel.Debug, "Request {RequestId} on route {RouteId}: policy {PolicyName} rule {Rule} decided {Reason} for workload {WorkloadId}; evidence: {Evidence}")]
    public static partial void PolicyDecided(this ILogger logger, string requestId, string routeId, string policyName, string rule, DenyReason reason, string workloadId, string evidence);

    [LoggerMessage(6003, LogLevel.Warning, "Request {RequestId}: shadow policy disagrees. Enforced {PolicyName} decided {Reason} ({Rule}); shadow {ShadowName} decided {ShadowReason} ({ShadowRule})")]
    public static partial void ShadowDisagreed(this ILogger logger, string requestId, string policyName, DenyReason reason, string rule, string shadowName, DenyReason shadowReason, string shadowRule);

    [LoggerMessage(6002, LogLevel.Error, "Route {RouteId} names trust policy '{PolicyName}', which does not exist; every request on it is refused")]
    public static partial void PolicyMissing(this ILogger logger, string routeId, string policyName);

    [LoggerMessage(6004, LogLevel.Information, "Request {RequestId} on route {RouteId} refused: policy {PolicyName} rule {Rule} decided {Reason} for workload {WorkloadId}; evidence: {Evidence}")]
    public static partial void PolicyDenied(this ILogger logger, string requestId, string routeId, string policyName, string rule, DenyReason reason, string workloadId, string evidence);

    [LoggerMessage(6005, LogLevel.Warning, "New route configuration held back: route or cluster {RouteId} names no enforced policy of the policies in force, or no downstream audience; the last good routes keep serving")]
    public static partial void RoutesHeldBack(this ILogger logger, string routeId);
}
