using PayerTrustGateway.Fhir;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Trust;
using Yarp.ReverseProxy.Transforms;

namespace PayerTrustGateway.Consent;

/// <summary>
/// The response guard (house plan: "every resource in the response belongs to the member's compartment
/// and a consented data class, or the response is refused"). Runs on answers to requests the consent stage
/// allowed: buffers the body (up to the configured limit), inspects it with <see cref="ResponseGuardScanner"/>
/// and either passes it, sends the redacted Bundle, or withholds it with a 403 OperationOutcome. Bodies it
/// cannot inspect (not JSON, content-encoded, too large) are withheld.
/// </summary>
internal sealed class ConsentResponseGuardTransform : ResponseTransform
{
    private readonly ConsentRegistry _registry;
    private readonly DenialResponseWriter _denials;
    private readonly ConsentMetrics _metrics;
    private readonly ILogger _logger;

    public ConsentResponseGuardTransform(ConsentRegistry registry, DenialResponseWriter denials, ConsentMetrics metrics, ILogger logger)
    {
        _registry = registry;
        _denials = denials;
        _metrics = metrics;
        _logger = logger;
    }

    public override async ValueTask ApplyAsync(ResponseTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = context.HttpContext.Features.Get<TrustContext>();
        if (trust?.ConsentDecision is not { IsAllowed: true, Consent: { } consent } || trust.MemberKey is not { } member || context.ProxyResponse is not { } proxied)
        {
            return;
        }

        var rules = _registry.Rules;
        var (body, unreadable) = await ReadBodyAsync(proxied, rules.MaxGuardedResponseBytes, context.CancellationToken);
        if (unreadable is null && body.Length == 0)
        {
            return;
        }

        var scan = unreadable is null
            ? ResponseGuardScanner.Scan(body, resource => ResponseGuardEvaluator.Check(FhirResourceFacts.Read(resource, PatientCompartment.R4), member, consent, rules, PatientCompartment.R4), rules.GuardMode == ResponseGuardMode.Redact)
            : new ResponseGuardScan(unreadable, [], null);
        context.SuppressResponseBody = true;
        var response = context.HttpContext.Response;
        if (scan.Clean)
        {
            _metrics.Guarded("passed");
            await SendAsync(response, body, context.CancellationToken);
            return;
        }

        if (scan.Body is { } redacted)
        {
            _logger.ResponseRedacted(trust.RequestId, scan.Violations.Length, scan.Violations[0].Rule, trust.Workload!.QualifiedId, consent.Id);
            _metrics.Guarded("redacted");
            await SendAsync(response, redacted, context.CancellationToken);
            return;
        }

        var rule = scan.Problem ?? scan.Violations[0].Rule;
        _logger.ResponseWithheld(trust.RequestId, rule, trust.Workload!.QualifiedId, consent.Id);
        _metrics.Guarded("withheld");
        trust.ConsentDecision = trust.ConsentDecision with { Reason = DenyReason.ResponseOutsideConsent, Rule = rule };
        response.Headers.Clear();
        await _denials.WriteAsync(context.HttpContext, DenyReason.ResponseOutsideConsent);
    }

    private static async Task SendAsync(HttpResponse response, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, cancellationToken);
    }

    private static async Task<(ReadOnlyMemory<byte> Body, string? Unreadable)> ReadBodyAsync(HttpResponseMessage proxied, int limit, CancellationToken cancellationToken)
    {
        var content = proxied.Content;
        var mediaType = content.Headers.ContentType?.MediaType;
        if (content.Headers.ContentEncoding.Count > 0)
        {
            return (default, "guard:content-encoded");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        if (await BoundedBodyReader.ReadAsync(stream, content.Headers.ContentLength, limit, cancellationToken) is not { } body)
        {
            return (default, "guard:too-large");
        }

        return body.Length > 0 && mediaType is not ("application/fhir+json" or "application/json")
            ? (default, "guard:not-fhir-json")
            : (body, null);
    }
}
