using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Consent;

// Never log member keys or identifiers: consent ids, partner and workload ids, rules and reasons only.
internal static partial class ConsentLog
{
    [LoggerMessage(7001, LogLevel.Information, "Request {RequestId} on route {RouteId} refused: consent rule {Rule} decided {Reason} for workload {WorkloadId}; consent {ConsentId}")]
    public static partial void ConsentDenied(this ILogger logger, string requestId, string routeId, string rule, DenyReason reason, string workloadId, string consentId);

    [LoggerMessage(7002, LogLevel.Error, "Request {RequestId}: the consent registry could not be read; the request was refused")]
    public static partial void ConsentStoreFailed(this ILogger logger, Exception exception, string requestId);

    [LoggerMessage(7003, LogLevel.Warning, "Request {RequestId}: response withheld by the consent guard ({Rule}) for workload {WorkloadId}, consent {ConsentId}")]
    public static partial void ResponseWithheld(this ILogger logger, string requestId, string rule, string workloadId, string consentId);

    [LoggerMessage(7004, LogLevel.Information, "Request {RequestId}: {Count} response entries redacted by the consent guard ({Rule}) for workload {WorkloadId}, consent {ConsentId}")]
    public static partial void ResponseRedacted(this ILogger logger, string requestId, int count, string rule, string workloadId, string consentId);

    [LoggerMessage(7005, LogLevel.Information, "Consent {ConsentId} version {Version} {Change} by {ChangedBy} for partner {PartnerId}")]
    public static partial void ConsentChanged(this ILogger logger, string consentId, int version, string change, string changedBy, string partnerId);
}
