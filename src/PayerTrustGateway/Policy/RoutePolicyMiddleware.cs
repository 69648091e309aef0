using PayerTrustGateway.Partners;
using PayerTrustGateway.Tokens;
using PayerTrustGateway.Trust;
using Microsoft.AspNetCore.Http.Features;

namespace PayerTrustGateway.Policy;

/// <summary>
/// YARP pipeline stage: classifies the FHIR request, evaluates the matched route's enforced policy (and,
/// beside it, any shadow policy, which never changes the response), applies the workload rate limit and
/// single-use tokens, logs the decision with its evidence, and refuses anything not admitted.
/// </summary>
internal sealed class RoutePolicyMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PolicyRegistry _policies;
    private readonly PartnerRegistry _partners;
    private readonly DenialResponseWriter _denials;
    private readonly IReplayCache _replay;
    private readonly WorkloadRateLimiter _rateLimiter;
    private readonly PolicyMetrics _metrics;
    private readonly ILogger<RoutePolicyMiddleware> _logger;
    private readonly TimeProvider _time;
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<TokenIdentity, CachedSubject> _subjects = [];

    public RoutePolicyMiddleware(
        RequestDelegate next,
        PolicyRegistry policies,
        PartnerRegistry partners,
        DenialResponseWriter denials,
        IReplayCache replay,
        WorkloadRateLimiter rateLimiter,
        PolicyMetrics metrics,
        ILogger<RoutePolicyMiddleware> logger,
        TimeProvider time)
    {
        _next = next;
        _policies = policies;
        _partners = partners;
        _denials = denials;
        _replay = replay;
        _rateLimiter = rateLimiter;
        _metrics = metrics;
        _logger = logger;
        _time = time;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = context.Features.Get<TrustContext>();
        var workload = trust?.Workload is { } identity ? _partners.Current.FindWorkload(identity.QualifiedId) : null;
        if (trust?.Workload is null || trust.Token is null || workload is null)
        {
            // Authorization should have refused already; never forward an unauthenticated request.
            await _denials.WriteAsync(context, DenyReason.InternalError);
            return;
        }

        var route = context.GetReverseProxyFeature().Route.Config;
        string? policyName = null;
        route.Metadata?.TryGetValue(PoliciesOptions.RouteMetadataKey, out policyName);
        var policies = _policies.Current;
        var decision = await DecideAsync(context, route.RouteId, policyName, policies, workload, Subject(workload, trust.Token));
        trust.PolicyDecision = decision;

        _metrics.Decided(decision.PolicyName, decision.IsAllowed ? "allowed" : DenialCatalog.Descriptors[decision.Reason].Code);
        // The decision log: every refusal with its evidence; allows only at Debug (the audit trail, a later
        // issue, records every decision). The evidence string is built only when it is written.
        if (!decision.IsAllowed)
        {
            _logger.PolicyDenied(trust.RequestId, route.RouteId, decision.PolicyName, decision.Rule, decision.Reason, trust.Workload.QualifiedId, string.Join("; ", decision.Evidence));
        }
        else if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.PolicyDecided(trust.RequestId, route.RouteId, decision.PolicyName, decision.Rule, decision.Reason, trust.Workload.QualifiedId, string.Join("; ", decision.Evidence));
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

        trust.RequiredScope = decision.RequiredScope;
        await _denials.WriteAsync(context, decision.Reason);
    }

    private async Task<PolicyDecision> DecideAsync(
        HttpContext context, string routeId, string? policyName, TrustPolicySet policies, RegisteredWorkload workload, PolicySubject subject)
    {
        var trust = context.Features.GetRequiredFeature<TrustContext>();
        if (string.IsNullOrEmpty(policyName) || !policies.TryGet(policyName, out var policy))
        {
            return new PolicyDecision(DenyReason.PolicyMissing, policyName ?? string.Empty, RoutePolicyEvaluator.DefaultDenyRule);
        }

        var (request, refusal) = await HttpFhirRequestReader.ReadAsync(context, policy!);
        if (request is null)
        {
            return new PolicyDecision(refusal, policy!.Name, "request-body");
        }

        var decision = RoutePolicyEvaluator.Evaluate(policy!, request, subject);
        trust.RoutePolicy = policy;
        trust.FhirRequest = request;
        foreach (var shadow in policies.ShadowsOf(policy!.Name))
        {
            var shadowDecision = RoutePolicyEvaluator.Evaluate(shadow, request, subject);
            if (shadowDecision.Reason != decision.Reason)
            {
                _metrics.ShadowDisagreed(policy.Name, shadow.Name);
                (trust.ShadowDisagreements ??= []).Add(shadow.Name + ":" + (shadowDecision.IsAllowed ? "allow" : DenialCatalog.Descriptors[shadowDecision.Reason].Code));
                _logger.ShadowDisagreed(trust.RequestId, policy.Name, decision.Reason, decision.Rule, shadow.Name, shadowDecision.Reason, shadowDecision.Rule);
            }
        }

        var now = _time.GetUtcNow();
        if (!decision.IsAllowed && GrantWidening.CanLift(decision.Reason) && !workload.Grants.IsEmpty
            && GrantWidening.TryLift(policy, request, subject, workload.Grants, routeId, now) is { } lifted)
        {
            // Checks below (posture, rate limit, single use) and consent after still apply to a granted request.
            trust.Grant = lifted.Grant;
            _metrics.GrantUsed(policy.Name, lifted.Grant.Kind);
            decision = lifted.Decision;
        }

        if (decision.IsAllowed)
        {
            var (postureReason, postureRule) = PostureCheck.Evaluate(policy, workload.Partner.Posture, now);
            if (postureReason != DenyReason.None)
            {
                return decision with { Reason = postureReason, Rule = postureRule };
            }
        }

        if (decision.IsAllowed && !_rateLimiter.TryAcquire(policy.Name, subject.QualifiedId, policy.RateLimitPerMinute, out var retryAfter))
        {
            trust.RetryAfterSeconds = retryAfter;
            return decision with { Reason = DenyReason.RateLimited, Rule = "rate-limit:" + policy.RateLimitPerMinute + "/min" };
        }

        var token = trust.Token!;
        if (decision.IsAllowed && decision.SingleUseToken
            && !await _replay.TryRecordAsync("route-at:" + token.Issuer + ":" + token.TokenId, token.ExpiresAt + TokenLifetime.MaxClockSkew, context.RequestAborted))
        {
            return decision with { Reason = DenyReason.TokenReplayed, Rule = "single-use-token" };
        }

        return decision;
    }

    // A token's identity object is reused across a connection's requests (TokenValidationCache), so its
    // subject (and parsed SMART scopes) is too, as long as the registry's workload entry is the same.
    private PolicySubject Subject(RegisteredWorkload workload, TokenIdentity token)
    {
        if (_subjects.TryGetValue(token, out var cached) && ReferenceEquals(cached.Workload, workload))
        {
            return cached.Subject;
        }

        var subject = new PolicySubject(workload.Partner.Id, workload.Id, workload.Tags, workload.ActorKind, token.Binding, token.Scopes, token.PurposesOfUse);
        _subjects.AddOrUpdate(token, new CachedSubject(workload, subject));
        return subject;
    }

    private sealed record CachedSubject(RegisteredWorkload Workload, PolicySubject Subject);
}
