using PayerTrustGateway.Admin;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Outermost stage: every request (except the admin listener's health probes) gets exactly one audit
/// record, allowed or denied, written when the response is about to start, so in sync mode the record is
/// committed before the caller receives a byte (S0.2 step 9; every deny is audited). A request whose
/// response never starts (the client went away) is recorded when the pipeline unwinds. If the record
/// cannot be written, the response fails instead of going out unrecorded.
/// </summary>
internal sealed class AuditMiddleware
{
    private readonly RequestDelegate _next;
    private readonly IAuditSink _sink;
    private readonly TimeProvider _time;
    private readonly ILogger<AuditMiddleware> _logger;

    public AuditMiddleware(RequestDelegate next, IAuditSink sink, TimeProvider time, ILogger<AuditMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _sink = sink;
        _time = time;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (IsHealthProbe(context))
        {
            await _next(context);
            return;
        }

        var scope = new Scope(this, context, _time.GetTimestamp());
        context.Response.OnStarting(static state => ((Scope)state).WriteAsync(null), scope);
        try
        {
            await _next(context);
        }
        catch when (!context.Response.HasStarted)
        {
            await scope.WriteAsync(context.RequestAborted.IsCancellationRequested ? AuditRecordBuilder.ClientClosedRequest : StatusCodes.Status500InternalServerError);
            throw;
        }

        if (!context.Response.HasStarted)
        {
            // Not started yet (no body, or the client went away): record now, before Kestrel sends anything.
            await scope.WriteAsync(context.RequestAborted.IsCancellationRequested ? AuditRecordBuilder.ClientClosedRequest : null);
        }
    }

    private static bool IsHealthProbe(HttpContext context) =>
        context.Features.Get<ListenerFeature>()?.Listener == GatewayListener.Admin
        && (context.Request.Path.Equals(HealthEndpoints.LivePath, StringComparison.Ordinal) || context.Request.Path.Equals(HealthEndpoints.ReadyPath, StringComparison.Ordinal));

    // One per request: writes its record once, whichever of response start or unwinding comes first.
    private sealed class Scope(AuditMiddleware owner, HttpContext context, long started)
    {
        private int _written;

        public async Task WriteAsync(int? status)
        {
            if (Interlocked.Exchange(ref _written, 1) == 1)
            {
                return;
            }

            var record = AuditRecordBuilder.Build(context, owner._time.GetUtcNow(), owner._time.GetElapsedTime(started), status ?? context.Response.StatusCode);
            try
            {
                // Not the request's token: the record is written even when the caller has gone.
                await owner._sink.WriteAsync(record, CancellationToken.None);
            }
            catch (Exception exception)
            {
                owner._logger.RecordRefused(record.RequestId, exception);
                throw;
            }
        }
    }
}
