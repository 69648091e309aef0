using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// Runs after authorization, before endpoint execution: when routing matched nothing, answers 404 in
/// FHIR instead of an empty response.
/// </summary>
internal sealed class RouteNotFoundMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DenialResponseWriter _denials;

    public RouteNotFoundMiddleware(RequestDelegate next, DenialResponseWriter denials)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(denials);
        _next = next;
        _denials = denials;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetEndpoint() is null
            ? _denials.WriteAsync(context, DenyReason.RouteNotFound).AsTask()
            : _next(context);
    }
}
