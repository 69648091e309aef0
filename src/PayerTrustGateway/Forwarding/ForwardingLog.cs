using Yarp.ReverseProxy.Forwarder;

namespace PayerTrustGateway.Forwarding;

// Forwarding shares the Hosting event-id range (1000s): it is proxy plumbing, not a trust stage.
internal static partial class ForwardingLog
{
    [LoggerMessage(1501, LogLevel.Warning, "Request {RequestId}: forwarding failed with {Error} ({ExceptionType})")]
    public static partial void ForwardingFailed(this ILogger logger, string requestId, ForwarderError error, string exceptionType);
}
