using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Hygiene;

internal static partial class HygieneLog
{
    [LoggerMessage(2001, LogLevel.Information, "Request {RequestId} refused by hygiene: {Reason}")]
    public static partial void RequestRefused(this ILogger logger, string requestId, DenyReason reason);

    [LoggerMessage(2002, LogLevel.Debug, "Request {RequestId}: removed client-supplied header {HeaderName}")]
    public static partial void HeaderStripped(this ILogger logger, string requestId, string headerName);
}
