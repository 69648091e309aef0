using PayerTrustGateway.Fhir;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Consent;

/// <summary>
/// YARP pipeline stage after the route policy: on routes whose policy requires consent, looks up the
/// member's consents (fresh as of this request, see <see cref="ConsentRegistry"/>) and lets the request
/// through only when one covers this member, partner, purpose of use and the data touched. A registry
/// fault refuses the request (503); nothing is forwarded without a decision.
/// </summary>
internal sealed class ConsentMiddleware
{
    private readonly RequestDelegate _next;
    private readonly ConsentRegistry _registry;
    private readonly DenialResponseWriter _denials;
    private readonly ConsentMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ConsentMiddleware> _logger;

    public ConsentMiddleware(RequestDelegate next, ConsentRegistry registry, DenialResponseWriter denials, ConsentMetrics metrics, TimeProvider time, ILogger<ConsentMiddleware> logger)
    {
        _next = next;
        _registry = registry;
        _denials = denials;
        _metrics = metrics;
        _time = time;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = context.Features.Get<TrustContext>();
        if (trust?.RoutePolicy is not { RequireConsent: true } || trust.FhirRequest is not { } request || request.Interaction == FhirInteraction.Capabilities)
        {
            if (trust?.PolicyDecision is not { IsAllowed: true })
            {
                await _denials.WriteAsync(context, DenyReason.InternalError); // the policy stage must have allowed
                return;
            }

            await _next(context);
            return;
        }

        var started = _time.GetTimestamp();
        var decision = await DecideAsync(context, trust, request);
        trust.ConsentElapsed = _time.GetElapsedTime(started);
        _metrics.Decided(decision.IsAllowed ? "allowed" : DenialCatalog.Descriptors[decision.Reason].Code, trust.ConsentElapsed.Value);
        trust.ConsentDecision = decision;
        if (decision.IsAllowed)
        {
            await _next(context);
            return;
        }

        _logger.ConsentDenied(trust.RequestId, context.GetReverseProxyFeature().Route.Config.RouteId, decision.Rule, decision.Reason, trust.Workload!.QualifiedId, decision.Consent?.Id ?? "-");
        await _denials.WriteAsync(context, decision.Reason);
    }

    private async Task<ConsentDecision> DecideAsync(HttpContext context, TrustContext trust, FhirRequest request)
    {
        var units = request.Interaction is FhirInteraction.Batch or FhirInteraction.Transaction ? request.Entries : [request];
        var members = units.Select(unit => unit.SingleMember()).Distinct(StringComparer.Ordinal).ToList();
        if (members.Count != 1 || members[0] is not { } member)
        {
            // One member per consent-bound request; the policy stage has already refused requests without one.
            return new ConsentDecision(DenyReason.MemberContextRequired, "consent:one-member-per-request", null, []);
        }

        MemberConsents consents;
        try
        {
            consents = await _registry.GetAsync(member, context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _logger.ConsentStoreFailed(exception, trust.RequestId);
            return new ConsentDecision(DenyReason.ConsentStoreUnavailable, "consent:store-unavailable", null, []);
        }

        trust.MemberKey = member;
        var consentRequest = new ConsentRequest(member, trust.Workload!.PartnerId, trust.Token!.PurposesOfUse, [.. units.SelectMany(unit => unit.TouchedTypes()).Distinct(StringComparer.Ordinal)]);
        return ConsentEvaluator.Evaluate(consents.Records, consentRequest, _registry.Rules, _time.GetUtcNow());
    }
}
