using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tokens;

internal static partial class TokensLog
{
    [LoggerMessage(4001, LogLevel.Information, "Token rejected for workload {WorkloadId}: {Reason} ({Detail})")]
    public static partial void TokenRejected(this ILogger logger, string workloadId, DenyReason reason, string detail);

    [LoggerMessage(4002, LogLevel.Debug, "Token {TokenIdHash} from issuer {Issuer} accepted for workload {WorkloadId} ({Binding})")]
    public static partial void TokenAccepted(this ILogger logger, string tokenIdHash, string issuer, string workloadId, TokenBinding binding);

    [LoggerMessage(4003, LogLevel.Error, "Replay cache is full of unexpired entries ({Count}); one-time identifiers are refused until entries expire")]
    public static partial void ReplayCacheFull(this ILogger logger, int count);
}
