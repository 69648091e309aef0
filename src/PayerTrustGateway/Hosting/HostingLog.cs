
namespace PayerTrustGateway.Hosting;

internal static partial class HostingLog
{
    [LoggerMessage(1001, LogLevel.Error, "Request {RequestId} failed inside the gateway and was refused (fail closed)")]
    public static partial void UnhandledFault(this ILogger logger, string requestId, Exception exception);

    [LoggerMessage(1002, LogLevel.Information, "Partner listener on {Endpoint} (mutual TLS, TLS 1.2+); admin listener on {AdminEndpoint}")]
    public static partial void ListenersBound(this ILogger logger, string endpoint, string adminEndpoint);

    [LoggerMessage(1003, LogLevel.Error, "Configuration change to {OptionsType} rejected; the last good configuration keeps serving. Problems: {Problems}")]
    public static partial void ConfigurationReloadRejected(this ILogger logger, string optionsType, string problems);
}
