using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// Outermost stage: an exception anywhere below is a denial (500 OperationOutcome, nothing forwarded,
/// no exception text to the caller). If the response had already started, the connection is aborted.
/// </summary>
internal sealed class FailClosedExceptionMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DenialResponseWriter _denials;
    private readonly ILogger<FailClosedExceptionMiddleware> _logger;

    public FailClosedExceptionMiddleware(RequestDelegate next, DenialResponseWriter denials, ILogger<FailClosedExceptionMiddleware> logger)
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
        try
        {
            await _next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            var requestId = context.Features.Get<TrustContext>()?.RequestId ?? context.TraceIdentifier;
            _logger.UnhandledFault(requestId, exception);
            if (!await _denials.WriteAsync(context, DenyReason.InternalError))
            {
                context.Abort();
            }
        }
    }
}
