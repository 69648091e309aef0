namespace PayerTrustGateway.Exchange;

internal static partial class ExchangeLog
{
    [LoggerMessage(8001, LogLevel.Warning, "Generated signing key {KeyId} ({Algorithm}) in {Directory}")]
    public static partial void SigningKeyGenerated(this ILogger logger, string keyId, string algorithm, string directory);

    [LoggerMessage(8002, LogLevel.Information, "Issued token {TokenIdHash} to workload {WorkloadId} ({Binding}, {ScopeCount} scopes)")]
    public static partial void TokenIssued(this ILogger logger, string tokenIdHash, string workloadId, string binding, int scopeCount);

    [LoggerMessage(8003, LogLevel.Information, "Token request from workload {WorkloadId} refused: {Error} ({Reason})")]
    public static partial void TokenRequestRefused(this ILogger logger, string workloadId, string error, string reason);

    [LoggerMessage(8004, LogLevel.Warning, "Signing key rotated ({Trigger}): {KeyId} signs now, {PreviousKeyId} stays published for the overlap; {Removed} expired key(s) removed")]
    public static partial void SigningKeyRotated(this ILogger logger, string keyId, string previousKeyId, string trigger, int removed);

    [LoggerMessage(8005, LogLevel.Information, "Signing key {KeyId} signs now")]
    public static partial void SigningKeyChanged(this ILogger logger, string keyId);

    [LoggerMessage(8006, LogLevel.Error, "The token-exchange service rejected the gateway's own client credentials ({Status} {Error}); check TrustGateway:TokenExchange:External")]
    public static partial void ExchangeClientRejected(this ILogger logger, int status, string error);

    [LoggerMessage(8009, LogLevel.Warning, "Signing key rotation requested by {Actor}: {KeyId} signs now")]
    public static partial void SigningKeyRotationRequested(this ILogger logger, string keyId, string actor);

    [LoggerMessage(8007, LogLevel.Warning, "Request {RequestId}: no downstream token for workload {WorkloadId} on route {RouteId}: {Reason} ({Detail})")]
    public static partial void DownstreamTokenRefused(this ILogger logger, string requestId, string workloadId, string routeId, Trust.DenyReason reason, string detail);

    [LoggerMessage(8008, LogLevel.Debug, "Request {RequestId}: downstream token {TokenIdHash} for audience {Audience} ({Source}, {ScopeCount} scopes)")]
    public static partial void DownstreamTokenObtained(this ILogger logger, string requestId, string tokenIdHash, string audience, string source, int scopeCount);
}
