using System.Collections.Immutable;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Partners;
using Yarp.ReverseProxy.Configuration;

namespace PayerTrustGateway.Governance;

/// <summary>What a grant asks for: a workload, a route, and the extra resource types and purposes of use.</summary>
internal sealed record GrantRequest(string Workload, string RouteId, ImmutableArray<string> ResourceTypes, ImmutableArray<string> PurposesOfUse, string Reason, TimeSpan Duration);

/// <summary>
/// Exceptions and break-glass. An exception is requested by one person and is in force only once another
/// approves it through the review queue, for at most <see cref="GovernanceOptions.MaxExceptionDuration"/>.
/// Break-glass is in force at once on one person's word with a mandatory reason, for at most
/// <see cref="GovernanceOptions.MaxBreakGlassDuration"/>, and is queued for a post-review due within
/// <see cref="GovernanceOptions.BreakGlassReviewWithin"/>. Both expire by themselves (checked per request).
/// </summary>
internal sealed class AccessGrants
{
    private readonly GovernanceRegistry _governance;
    private readonly PartnerRegistry _partners;
    private readonly IProxyConfigProvider _routes;
    private readonly LastGoodOptions<GovernanceOptions> _options;

    public AccessGrants(GovernanceRegistry governance, PartnerRegistry partners, IProxyConfigProvider routes, LastGoodOptions<GovernanceOptions> options)
    {
        ArgumentNullException.ThrowIfNull(governance);
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(options);
        _governance = governance;
        _partners = partners;
        _routes = routes;
        _options = options;
    }

    public Task<GovernanceOutcome> RequestExceptionAsync(GrantRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _governance.ChangeAsync((state, now) =>
        {
            var options = _options.Current;
            var problems = Check(request, options.MaxExceptionDuration);
            if (problems.Count > 0)
            {
                return GovernanceOutcome.Invalid(problems).WithoutDocuments();
            }

            var grant = NewGrant(GrantKind.Exception, request, actor, now) with { State = GrantState.Pending };
            var review = NewReview(ReviewKind.ExceptionApproval, grant, now + options.ExceptionApprovalWithin);
            return GovernanceOutcome.Changed(grant, "exception.request", grant.Id, null, Summarize(grant), created: true).Writing(grant, review);
        }, cancellationToken);
    }

    public Task<GovernanceOutcome> InvokeBreakGlassAsync(GrantRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _governance.ChangeAsync((state, now) =>
        {
            var options = _options.Current;
            var problems = Check(request, options.MaxBreakGlassDuration);
            if (problems.Count > 0)
            {
                return GovernanceOutcome.Invalid(problems).WithoutDocuments();
            }

            var grant = NewGrant(GrantKind.BreakGlass, request, actor, now) with
            {
                State = GrantState.Approved,
                StartsAt = now,
                EndsAt = now + request.Duration,
            };
            var review = NewReview(ReviewKind.BreakGlassReview, grant, now + options.BreakGlassReviewWithin);
            return GovernanceOutcome.Changed(grant, "break-glass.invoke", grant.Id, null, Summarize(grant), created: true).Writing(grant, review);
        }, cancellationToken);
    }

    /// <summary>Ends a pending or approved grant now.</summary>
    public Task<GovernanceOutcome> RevokeAsync(string id, string reason, string actor, CancellationToken cancellationToken) =>
        _governance.ChangeAsync((state, now) =>
        {
            var problems = new List<string>();
            GovernanceInput.RequireText(problems, "reason", reason, 500);
            if (problems.Count > 0)
            {
                return GovernanceOutcome.Invalid(problems).WithoutDocuments();
            }

            if (!state.Grants.TryGetValue(id, out var grant))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.NotFound, $"Grant '{id}' does not exist.").WithoutDocuments();
            }

            if (grant.State is not (GrantState.Pending or GrantState.Approved) || (grant.State == GrantState.Approved && now >= grant.EndsAt))
            {
                return GovernanceOutcome.Fail(GovernanceOutcomeKind.Conflict, $"Grant '{id}' is {grant.EffectiveState(now)}; nothing to revoke.").WithoutDocuments();
            }

            var revoked = grant with { State = GrantState.Revoked, ClosedAt = now, ClosedBy = actor };
            return GovernanceOutcome.Changed(revoked, "grant.revoke", id, grant.EffectiveState(now), "revoked: " + reason).Writing(revoked);
        }, cancellationToken);

    /// <summary>What the audit trail and listings say about a grant.</summary>
    public static string Summarize(AccessGrant grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return $"kind={grant.Kind}; workload={grant.Workload}; route={grant.RouteId}; types={string.Join(',', grant.ResourceTypes)}; "
            + $"purposes={string.Join(',', grant.PurposesOfUse)}; duration={grant.Duration:c}; state={grant.State}; reason={grant.Reason}";
    }

    private List<string> Check(GrantRequest request, TimeSpan maxDuration)
    {
        var problems = new List<string>();
        GovernanceInput.RequireText(problems, "reason", request.Reason, 500);
        var workload = _partners.Current.FindWorkload(request.Workload ?? string.Empty);
        if (workload is null)
        {
            problems.Add($"workload '{request.Workload}' is not registered (use 'partner/workload').");
        }

        if (!_routes.GetConfig().Routes.Any(route => string.Equals(route.RouteId, request.RouteId, StringComparison.Ordinal)))
        {
            problems.Add($"route '{request.RouteId}' is not a configured route.");
        }

        if (request.ResourceTypes.Any(type => !GovernanceInput.IsResourceType(type)))
        {
            problems.Add("resourceTypes must be FHIR resource type names, e.g. 'ExplanationOfBenefit'.");
        }

        if (request.PurposesOfUse.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("purposesOfUse must not contain blanks.");
        }

        if (request.Duration <= TimeSpan.Zero || request.Duration > maxDuration)
        {
            problems.Add($"duration must be more than zero and at most {maxDuration:c}.");
        }

        return problems;
    }

    private static AccessGrant NewGrant(GrantKind kind, GrantRequest request, string actor, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now).ToString("N"),
        Kind = kind,
        Workload = request.Workload,
        RouteId = request.RouteId,
        ResourceTypes = request.ResourceTypes,
        PurposesOfUse = request.PurposesOfUse,
        Reason = request.Reason,
        RequestedBy = actor,
        RequestedAt = now,
        Duration = request.Duration,
    };

    private static ReviewItem NewReview(ReviewKind kind, AccessGrant grant, DateTimeOffset due) => new()
    {
        Id = Guid.CreateVersion7(grant.RequestedAt).ToString("N"),
        Kind = kind,
        SubjectId = grant.Id,
        RequestedBy = grant.RequestedBy,
        CreatedAt = grant.RequestedAt,
        DueAt = due,
        State = ReviewState.Open,
    };
}
