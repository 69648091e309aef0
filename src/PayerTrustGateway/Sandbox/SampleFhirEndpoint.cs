namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The terminal request delegate of the sample backend. It writes pre-serialized bytes with an explicit
/// Content-Length (so Kestrel never chunks). The responder is attached once, right after Kestrel has bound
/// the port: with port 0 the absolute base (and so every searchset body) is only known then.
/// </summary>
internal sealed class SampleFhirEndpoint
{
    /// <summary>FHIR R4 JSON media type (http.html §3.1.0.1.10).</summary>
    public const string FhirJsonContentType = "application/fhir+json";

    private readonly SampleFhirResponse _notReady;
    private SampleFhirResponder? _responder;

    public SampleFhirEndpoint(SampleFhirResponse notReady)
    {
        ArgumentNullException.ThrowIfNull(notReady);
        _notReady = notReady;
    }

    /// <summary>Attaches the responder; allowed once.</summary>
    public void Activate(SampleFhirResponder responder)
    {
        ArgumentNullException.ThrowIfNull(responder);
        if (Interlocked.CompareExchange(ref _responder, responder, null) is not null)
        {
            throw new InvalidOperationException("The sample FHIR endpoint is already active.");
        }
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        var responder = Volatile.Read(ref _responder);
        var result = responder is null
            ? _notReady
            : responder.Respond(request.Method, request.Path.Value, request.Query);
        return WriteAsync(context.Response, result, context.RequestAborted);
    }

    private static Task WriteAsync(HttpResponse response, SampleFhirResponse result, CancellationToken cancellationToken)
    {
        response.StatusCode = result.StatusCode;
        response.ContentType = FhirJsonContentType;
        response.ContentLength = result.Body.Length;
        if (result.Allow is not null)
        {
            response.Headers.Allow = result.Allow;
        }

        return response.Body.WriteAsync(result.Body, cancellationToken).AsTask();
    }
}
