using Hl7.Fhir.Model;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Admin;

/// <summary>
/// Partners on the admin listener: list and read (any role); register and update a partner with its own
/// trust anchors (security-admin); suspend (security-admin, platform-operator), reinstate and retire
/// (security-admin); record a posture signal (security-admin, platform-operator). Changes are stored,
/// audited and in force on the next request.
/// </summary>
internal static class PartnerAdminEndpoints
{
    public static void MapPartnerAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/partners").WithMetadata(AdminEndpointMetadata.Instance);
        group.MapGet("/", List).RequireAdminRoles(AdminRoles.All.ToArray());
        group.MapGet("/{id}", Get).RequireAdminRoles(AdminRoles.All.ToArray());
        group.MapPost("/", RegisterAsync).RequireAdminRoles(AdminRoles.SecurityAdmin);
        group.MapPut("/{id}", UpdateAsync).RequireAdminRoles(AdminRoles.SecurityAdmin);
        group.MapPost("/{id}/suspend", (string id, HttpContext context, EstateStewardship estate, PartnerRegistry partners) =>
            TransitionAsync(id, LifecycleTransition.Suspend, context, estate, partners)).RequireAdminRoles(AdminRoles.SecurityAdmin, AdminRoles.PlatformOperator);
        group.MapPost("/{id}/reinstate", (string id, HttpContext context, EstateStewardship estate, PartnerRegistry partners) =>
            TransitionAsync(id, LifecycleTransition.Reinstate, context, estate, partners)).RequireAdminRoles(AdminRoles.SecurityAdmin);
        group.MapPost("/{id}/retire", (string id, HttpContext context, EstateStewardship estate, PartnerRegistry partners) =>
            TransitionAsync(id, LifecycleTransition.Retire, context, estate, partners)).RequireAdminRoles(AdminRoles.SecurityAdmin);
        group.MapPost("/{id}/posture", RecordPostureAsync).RequireAdminRoles(AdminRoles.SecurityAdmin, AdminRoles.PlatformOperator);
    }

    private static IResult List(PartnerRegistry partners)
    {
        var directory = partners.Current;
        return Results.Json(new { items = directory.Partners.OrderBy(p => p.Id, StringComparer.Ordinal).Select(p => EstateViews.Partner(p, directory)) }, GovernanceResponses.Json);
    }

    private static IResult Get(string id, PartnerRegistry partners)
    {
        var directory = partners.Current;
        return directory.FindPartner(id) is { } partner
            ? Results.Json(EstateViews.Partner(partner, directory), GovernanceResponses.Json)
            : NotFound(id);
    }

    private static async Task<IResult> RegisterAsync(HttpContext context, EstateStewardship estate, PartnerRegistry partners)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<PartnerBody>(context);
        if (body is null)
        {
            return problem!;
        }

        var actor = AdminRequest.Actor(context);
        var outcome = await estate.RegisterPartnerAsync(body.Id ?? string.Empty, body.ToDefinition(), actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "partner.register", body.Id ?? string.Empty, outcome, _ => Describe(body.Id!, partners));
    }

    private static async Task<IResult> UpdateAsync(string id, HttpContext context, EstateStewardship estate, PartnerRegistry partners)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<PartnerBody>(context);
        if (body is null)
        {
            return problem!;
        }

        if (body.Id is not null && body.Id != id)
        {
            return AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, ["The body's id differs from the path's; a partner id never changes."]);
        }

        var actor = AdminRequest.Actor(context);
        var outcome = await estate.UpdatePartnerAsync(id, body.ToDefinition(), actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "partner.update", id, outcome, _ => Describe(id, partners));
    }

    private static async Task<IResult> TransitionAsync(string id, LifecycleTransition transition, HttpContext context, EstateStewardship estate, PartnerRegistry partners)
    {
        var actor = AdminRequest.Actor(context);
        var outcome = await estate.ChangePartnerStatusAsync(id, transition, actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "partner." + transition.ToString().ToLowerInvariant(), id, outcome, _ => Describe(id, partners));
    }

    private static async Task<IResult> RecordPostureAsync(string id, HttpContext context, PostureFeed feed, PartnerRegistry partners)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<PostureBody>(context);
        if (body is null)
        {
            return problem!;
        }

        if (body.Risk is null || body.AttestedAt is null)
        {
            return AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, ["risk (low, moderate, high, critical) and attestedAt are required."]);
        }

        var actor = AdminRequest.Actor(context);
        var outcome = await feed.RecordAsync(id, body.Risk.Value, body.AttestedAt.Value, body.Source ?? string.Empty, body.Evidence, actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "posture.record", id, outcome, _ => Describe(id, partners));
    }

    private static object Describe(string id, PartnerRegistry partners)
    {
        var directory = partners.Current;
        return directory.FindPartner(id) is { } partner ? EstateViews.Partner(partner, directory) : new { id };
    }

    private static IResult NotFound(string id) =>
        AdminRequest.Problem(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, [$"Partner '{id}' is not registered."]);
}
