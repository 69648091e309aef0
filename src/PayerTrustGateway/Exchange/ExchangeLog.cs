namespace PayerTrustGateway.Exchange;

internal static partial class ExchangeLog
{
    [LoggerMessage(8001, LogLevel.Warning, "Generated a new token-signing key in {FileName}")]
    public static partial void SigningKeyGenerated(this ILogger logger, string fileName);

    [LoggerMessage(8002, LogLevel.Information, "Issued token {TokenIdHash} to workload {WorkloadId} ({Binding}, {ScopeCount} scopes)")]
    public static partial void TokenIssued(this ILogger logger, string tokenIdHash, string workloadId, string binding, int scopeCount);

    [LoggerMessage(8003, LogLevel.Information, "Token request from workload {WorkloadId} refused: {Error} ({Reason})")]
    public static partial void TokenRequestRefused(this ILogger logger, string workloadId, string error, string reason);
}
