namespace PayerTrustGateway.Admin;

/// <summary>Admin listener log messages (event ids 10000-10999). Never a token: only why one was refused.</summary>
internal static partial class AdminLog
{
    [LoggerMessage(10001, LogLevel.Information, "Admin token refused: {Failure}")]
    public static partial void AdminTokenRefused(this ILogger logger, string failure);

    [LoggerMessage(10002, LogLevel.Information, "Admin {Subject} has no role admitted for {Method} {Path}")]
    public static partial void AdminRoleMissing(this ILogger logger, string subject, string method, string path);
}
