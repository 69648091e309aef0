using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

internal static partial class PolicyLog
{
    [LoggerMessage(6001, LogLevel.Debug, "Request {RequestId} on route {RouteId}: policy {PolicyName} rule {Rule} decided {Reason} for workload {WorkloadId}")]
    public static partial void PolicyDecided(this ILogger logger, string requestId, string routeId, string policyName, string rule, DenyReason reason, string workloadId);

    [LoggerMessage(6002, LogLevel.Error, "Route {RouteId} names trust policy '{PolicyName}', which does not exist; every request on it is refused")]
    public static partial void PolicyMissing(this ILogger logger, string routeId, string policyName);
}
