using PayerTrustGateway.Trust;
using Yarp.ReverseProxy.Forwarder;

namespace PayerTrustGateway.Forwarding;

/// <summary>
/// Wraps forwarding: when YARP reports a forwarding error and nothing has been sent yet, answers
/// 502 or 504 with an OperationOutcome, never the backend's or the runtime's error text.
/// </summary>
internal sealed class ForwarderErrorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DenialResponseWriter _denials;
    private readonly ILogger<ForwarderErrorMiddleware> _logger;

    public ForwarderErrorMiddleware(RequestDelegate next, DenialResponseWriter denials, ILogger<ForwarderErrorMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(denials);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _denials = denials;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await _next(context);

        var error = context.Features.Get<IForwarderErrorFeature>();
        if (error is null || error.Error == ForwarderError.None)
        {
            return;
        }

        var reason = error.Error is ForwarderError.RequestTimedOut ? DenyReason.BackendTimeout : DenyReason.BackendUnavailable;
        var requestId = context.Features.Get<TrustContext>()?.RequestId ?? context.TraceIdentifier;
        _logger.ForwardingFailed(requestId, error.Error, error.Exception?.GetType().Name ?? "none");
        await _denials.WriteAsync(context, reason);
    }
}
