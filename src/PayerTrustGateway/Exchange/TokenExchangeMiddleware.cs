using System.Collections.Immutable;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// YARP pipeline stage after consent (S0.2 step 7): obtains the narrow, audience-bound token the backend
/// receives instead of the partner's (S6). Without one, nothing is forwarded: the external service's
/// refusal is a 403, its absence a 503.
/// </summary>
internal sealed class TokenExchangeMiddleware
{
    private readonly RequestDelegate _next;
    private readonly DownstreamTokenService _tokens;
    private readonly DenialResponseWriter _denials;
    private readonly ILogger<TokenExchangeMiddleware> _logger;

    public TokenExchangeMiddleware(RequestDelegate next, DownstreamTokenService tokens, DenialResponseWriter denials, ILogger<TokenExchangeMiddleware> logger)
    {
        _next = next;
        _tokens = tokens;
        _denials = denials;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var trust = context.Features.Get<TrustContext>();
        var proxy = context.GetReverseProxyFeature();
        var audience = proxy.Cluster?.Config is { } cluster ? DownstreamAudience.Of(cluster) : null;
        if (trust is not { Workload: not null, Token: not null, RoutePolicy: not null, PolicyDecision.IsAllowed: true } || audience is null
            || (trust.RoutePolicy.RequireConsent && trust.FhirRequest?.Interaction != FhirInteraction.Capabilities && trust.ConsentDecision is not { IsAllowed: true })
            || !AuthorizationHeader.TryParse(context.Request.Headers.Authorization, out _, out var subjectToken, out _))
        {
            // Earlier stages must have decided, and configuration validation requires every cluster's audience.
            await _denials.WriteAsync(context, DenyReason.InternalError);
            return;
        }

        var request = Describe(trust, audience);
        var outcome = await _tokens.GetAsync(request, subjectToken, context.RequestAborted);
        if (outcome.Token is not { } token)
        {
            _logger.DownstreamTokenRefused(trust.RequestId, trust.Workload.QualifiedId, proxy.Route.Config.RouteId, outcome.Reason, outcome.Detail);
            await _denials.WriteAsync(context, outcome.Reason);
            return;
        }

        trust.DownstreamToken = token;
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            _logger.DownstreamTokenObtained(trust.RequestId, TokenIdHash.Of(token.TokenId), audience, outcome.Detail, request.Scopes.Length);
        }

        await _next(context);
    }

    private static DownstreamTokenRequest Describe(TrustContext trust, string audience)
    {
        var token = trust.Token!;
        var policy = trust.RoutePolicy!;
        var consent = trust.ConsentDecision?.Consent;
        var member = trust.MemberKey ?? (policy.RequireMemberContext ? SingleMember(trust.FhirRequest) : null);
        var notAfter = consent is not null && consent.Terms.PeriodEnd < token.ExpiresAt ? consent.Terms.PeriodEnd : token.ExpiresAt;
        return new DownstreamTokenRequest(
            token.ClientId,
            trust.Workload!.QualifiedId,
            member,
            consent?.Id,
            consent?.Version,
            policy.Name,
            policy.Version,
            audience,
            DownstreamScopes.Narrow(token.Scopes, policy),
            Purposes(token.PurposesOfUse, policy, consent?.Terms.PurposesOfUse),
            token.Actor,
            notAfter,
            trust.RequestId)
        {
            MayActSubject = token.MayActSubject,
        };
    }

    // The purposes this request is made for: the token's, within the policy's and the consent's.
    private static ImmutableArray<string> Purposes(ImmutableArray<string> token, TrustPolicy policy, ImmutableArray<string>? consented)
    {
        IEnumerable<string> purposes = token;
        if (policy.PurposesOfUse.Count > 0)
        {
            purposes = purposes.Where(policy.PurposesOfUse.Contains);
        }

        if (consented is { IsDefaultOrEmpty: false } terms)
        {
            purposes = purposes.Where(purpose => terms.Contains(purpose, StringComparer.Ordinal));
        }

        return [.. purposes];
    }

    private static string? SingleMember(FhirRequest? request)
    {
        if (request is null)
        {
            return null;
        }

        var units = request.Interaction is FhirInteraction.Batch or FhirInteraction.Transaction ? request.Entries : [request];
        var members = units.Select(unit => unit.SingleMember()).Distinct(StringComparer.Ordinal).ToList();
        return members.Count == 1 ? members[0] : null;
    }
}
