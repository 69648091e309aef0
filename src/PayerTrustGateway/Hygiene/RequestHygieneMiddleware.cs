using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using PayerTrustGateway.Forwarding;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Hygiene;

/// <summary>
/// First stage on the partner listener: opens the request's <see cref="TrustContext"/>, refuses
/// ambiguous or oversized requests (400/414/431) and removes every client-supplied header that could
/// pass for an identity or routing fact the gateway asserts (RFC 9440 §4, RFC 7239).
/// </summary>
internal sealed class RequestHygieneMiddleware
{
    private static readonly string[] SingletonHeaders =
        [HeaderNames.Authorization, "DPoP", HeaderNames.Host, HeaderNames.ContentLength];

    private const string KestrelDisplacedContentLength = "X-Content-Length";

    private readonly RequestDelegate _next;
    private readonly LastGoodOptions<RequestHygieneOptions> _hygiene;
    private readonly LastGoodOptions<ForwardingOptions> _forwarding;
    private readonly DenialResponseWriter _denials;
    private readonly ILogger<RequestHygieneMiddleware> _logger;
    private HeaderStripRules? _rules;

    public RequestHygieneMiddleware(
        RequestDelegate next,
        LastGoodOptions<RequestHygieneOptions> hygiene,
        LastGoodOptions<ForwardingOptions> forwarding,
        DenialResponseWriter denials,
        ILogger<RequestHygieneMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(hygiene);
        ArgumentNullException.ThrowIfNull(forwarding);
        ArgumentNullException.ThrowIfNull(denials);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _hygiene = hygiene;
        _forwarding = forwarding;
        _denials = denials;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = new TrustContext { RequestId = Guid.CreateVersion7().ToString("N") };
        context.Features.Set(trust);
        context.Response.Headers[RequestIdHeader.Name] = trust.RequestId;

        var rules = CurrentRules();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var verdict = RequestTargetInspector.Inspect(rawTarget, rules.Hygiene.MaxRequestTargetLength);
        if (verdict == DenyReason.None)
        {
            verdict = InspectHeaders(context.Request.Headers, rules.Hygiene.MaxRequestHeadersTotalBytes);
        }

        if (verdict != DenyReason.None)
        {
            _logger.RequestRefused(trust.RequestId, verdict);
            return _denials.WriteAsync(context, verdict).AsTask();
        }

        StripHeaders(context.Request.Headers, rules, trust.RequestId);
        return _next(context);
    }

    private static DenyReason InspectHeaders(IHeaderDictionary headers, int maxTotalBytes)
    {
        foreach (var name in SingletonHeaders)
        {
            if (headers.TryGetValue(name, out var values) && values.Count > 1)
            {
                return DenyReason.DuplicateSingletonHeader;
            }
        }

        // RFC 9112 §6.1: a sender must not send both; a proxy must not forward such a message.
        // Kestrel lets Transfer-Encoding win and moves the Content-Length to X-Content-Length.
        if (headers.ContainsKey(HeaderNames.TransferEncoding)
            && (headers.ContainsKey(HeaderNames.ContentLength) || headers.ContainsKey(KestrelDisplacedContentLength)))
        {
            return DenyReason.ConflictingMessageFraming;
        }

        long total = 0;
        foreach (var header in headers)
        {
            total += header.Key.Length;
            foreach (var value in header.Value)
            {
                total += value?.Length ?? 0;
            }
        }

        return total > maxTotalBytes ? DenyReason.HeadersTooLarge : DenyReason.None;
    }

    private void StripHeaders(IHeaderDictionary headers, HeaderStripRules rules, string requestId)
    {
        List<string>? doomed = null;
        foreach (var header in headers)
        {
            if (rules.ShouldStrip(header.Key))
            {
                (doomed ??= []).Add(header.Key);
            }
        }

        if (doomed is null)
        {
            return;
        }

        foreach (var name in doomed)
        {
            headers.Remove(name);
            _logger.HeaderStripped(requestId, name);
        }
    }

    // One compiled rule set per options snapshot; a reload swaps the whole reference.
    private HeaderStripRules CurrentRules()
    {
        var hygiene = _hygiene.Current;
        var forwarding = _forwarding.Current;
        var rules = _rules;
        if (rules is null || !ReferenceEquals(rules.Hygiene, hygiene) || !ReferenceEquals(rules.Forwarding, forwarding))
        {
            rules = new HeaderStripRules(hygiene, forwarding);
            _rules = rules;
        }

        return rules;
    }
}
