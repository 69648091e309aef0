using PayerTrustGateway.Tokens;
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
    private readonly IReplayCache _replay;

    public RoutePolicyMiddleware(RequestDelegate next, PolicyRegistry policies, DenialResponseWriter denials, IReplayCache replay, ILogger<RoutePolicyMiddleware> logger)
    {
        ArgumentNullException.ThrowIfNull(replay);
        _replay = replay;
        ArgumentNullException.ThrowIfNull(next);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(denials);
        ArgumentNullException.ThrowIfNull(logger);
        _next = next;
        _policies = policies;
        _denials = denials;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = context.Features.Get<TrustContext>();
        if (trust?.Workload is null || trust.Token is null)
        {
            // Authorization should have challenged already; never forward an unauthenticated request.
            await _denials.WriteAsync(context, DenyReason.InternalError);
            return;
        }

        var route = context.GetReverseProxyFeature().Route.Config;
        string? policyName = null;
        route.Metadata?.TryGetValue(PoliciesOptions.RouteMetadataKey, out policyName);
        var decision = RoutePolicyEvaluator.Evaluate(policyName, _policies.Current, trust.Workload, trust.Token);
        _logger.PolicyDecided(trust.RequestId, route.RouteId, decision.PolicyName, decision.Rule, decision.Reason, trust.Workload.QualifiedId);

        if (decision.IsAllowed && decision.SingleUseToken
            && !await _replay.TryRecordAsync("route-at:" + trust.Token.Issuer + ":" + trust.Token.TokenId, trust.Token.ExpiresAt, context.RequestAborted))
        {
            decision = decision with { Reason = DenyReason.TokenReplayed, Rule = "single-use-token" };
        }

        if (decision.IsAllowed)
        {
            await _next(context);
            return;
        }

        if (decision.Reason == DenyReason.PolicyMissing)
        {
            _logger.PolicyMissing(route.RouteId, decision.PolicyName);
        }

        await _denials.WriteAsync(context, decision.Reason);
    }
}
