using Hl7.Fhir.Model;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Admin;

/// <summary>
/// Exceptions and break-glass on the admin listener. <c>POST /admin/exceptions</c> (security-admin,
/// platform-operator) requests an exception, which a different person approves through the review queue;
/// <c>POST /admin/break-glass</c> (security-admin) grants emergency access at once and queues its
/// post-review; <c>POST /admin/grants/{id}/revoke</c> (security-admin) ends either early.
/// <c>GET /admin/grants</c> lists them (any role).
/// </summary>
internal static class GrantAdminEndpoints
{
    public static void MapGrantAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/admin").WithMetadata(AdminEndpointMetadata.Instance);
        admin.MapGet("/grants", List).RequireAdminRoles(AdminRoles.All.ToArray());
        admin.MapPost("/exceptions", (HttpContext context, AccessGrants grants, TimeProvider time) =>
            GrantAsync(context, "exception.request", (request, actor) => grants.RequestExceptionAsync(request, actor, context.RequestAborted), time))
            .RequireAdminRoles(AdminRoles.SecurityAdmin, AdminRoles.PlatformOperator);
        admin.MapPost("/break-glass", (HttpContext context, AccessGrants grants, TimeProvider time) =>
            GrantAsync(context, "break-glass.invoke", (request, actor) => grants.InvokeBreakGlassAsync(request, actor, context.RequestAborted), time))
            .RequireAdminRoles(AdminRoles.SecurityAdmin);
        admin.MapPost("/grants/{id}/revoke", RevokeAsync).RequireAdminRoles(AdminRoles.SecurityAdmin);
    }

    private static IResult List(HttpContext context, GovernanceRegistry governance, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var state = context.Request.Query["state"].Count == 1 ? context.Request.Query["state"][0] : null;
        var workload = context.Request.Query["workload"].Count == 1 ? context.Request.Query["workload"][0] : null;
        return Results.Json(new
        {
            items = governance.Current.Grants.Values
                .Where(g => (state is null || g.EffectiveState(now) == state) && (workload is null || g.Workload == workload))
                .OrderBy(g => g.RequestedAt)
                .Select(g => EstateViews.Grant(g, now)),
        }, GovernanceResponses.Json);
    }

    private static async Task<IResult> GrantAsync(HttpContext context, string action, Func<GrantRequest, string, Task<GovernanceOutcome>> grant, TimeProvider time)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<GrantBody>(context);
        if (body is null)
        {
            return problem!;
        }

        var actor = AdminRequest.Actor(context);
        var outcome = await grant(body.ToRequest(), actor);
        return GovernanceResponses.Respond(context, actor, action, body.Workload ?? string.Empty, outcome, value => EstateViews.Grant((AccessGrant)value, time.GetUtcNow()));
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, AccessGrants grants, TimeProvider time)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<ReasonBody>(context);
        if (body is null)
        {
            return problem!;
        }

        var actor = AdminRequest.Actor(context);
        var outcome = await grants.RevokeAsync(id, body.Reason ?? string.Empty, actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "grant.revoke", id, outcome, value => EstateViews.Grant((AccessGrant)value, time.GetUtcNow()));
    }
}
