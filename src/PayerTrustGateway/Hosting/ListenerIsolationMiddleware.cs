using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// Keeps the listeners apart after routing: admin endpoints answer only on the admin listener, proxied
/// routes only on the partner listener. Anything else is 404, as if the endpoint did not exist.
/// </summary>
internal sealed class ListenerIsolationMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DenialResponseWriter _denials;

    public ListenerIsolationMiddleware(RequestDelegate next, DenialResponseWriter denials)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(denials);
        _next = next;
        _denials = denials;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var listener = context.Features.Get<ListenerFeature>()?.Listener;
        var endpoint = context.GetEndpoint();
        var wantsAdmin = endpoint?.Metadata.GetMetadata<AdminEndpointMetadata>() is not null;

        var anyListener = endpoint?.Metadata.GetMetadata<AnyListenerEndpointMetadata>() is not null;
        var allowed = listener switch
        {
            GatewayListener.Admin or GatewayListener.Partner when anyListener => true,
            GatewayListener.Admin => wantsAdmin,
            GatewayListener.Partner => !wantsAdmin,
            _ => false,
        };

        // An admin-listener request with no endpoint stops here too; partner requests with no endpoint
        // go on to authentication, so an unauthenticated caller cannot probe which paths exist.
        if (listener == GatewayListener.Partner && endpoint is null)
        {
            return _next(context);
        }

        return allowed ? _next(context) : _denials.WriteAsync(context, DenyReason.RouteNotFound).AsTask();
    }
}
