using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>
/// YARP pipeline stage: evaluates the matched route's trust policy for the authenticated workload and
/// refuses (403) anything it does not admit. Runs after authentication; without an authenticated
/// workload nothing is forwarded.
/// </summary>
internal sealed class RoutePolicyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PolicyRegistry _policies;
    private readonly DenialResponseWriter _denials;
    private readonly ILogger<RoutePolicyMiddleware> _logger;

    public RoutePolicyMiddleware(RequestDelegate next, PolicyRegistry policies, DenialResponseWriter denials, ILogger<RoutePolicyMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(denials);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _policies = policies;
        _denials = denials;
        _logger = logger;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = context.Features.Get<TrustContext>();
        if (trust?.Workload is null || trust.Token is null)
        {
            // Authorization should have challenged already; never forward an unauthenticated request.
            return _denials.WriteAsync(context, DenyReason.InternalError).AsTask();
        }

        var route = context.GetReverseProxyFeature().Route.Config;
        string? policyName = null;
        route.Metadata?.TryGetValue(PoliciesOptions.RouteMetadataKey, out policyName);
        var decision = RoutePolicyEvaluator.Evaluate(policyName, _policies.Current, trust.Workload, trust.Token);
        _logger.PolicyDecided(trust.RequestId, route.RouteId, decision.PolicyName, decision.Rule, decision.Reason, trust.Workload.QualifiedId);

        if (decision.IsAllowed)
        {
            return _next(context);
        }

        if (decision.Reason == DenyReason.PolicyMissing)
        {
            _logger.PolicyMissing(route.RouteId, decision.PolicyName);
        }

        return _denials.WriteAsync(context, decision.Reason).AsTask();
    }
}
