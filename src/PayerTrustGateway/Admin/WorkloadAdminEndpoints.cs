using Hl7.Fhir.Model;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Admin;

/// <summary>
/// Workloads on the admin listener, through their lifecycle: request and update (security-admin,
/// platform-operator), provision (same), certify (reviewer), suspend (security-admin, platform-operator),
/// reinstate and retire (security-admin); certificate rotation: attach and retire (security-admin,
/// platform-operator); and revocation of any certificate by thumbprint (security-admin). Reads: any role.
/// Each change is stored, audited and in force on the next request.
/// </summary>
internal static class WorkloadAdminEndpoints
{
    public static void MapWorkloadAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/workloads").WithMetadata(AdminEndpointMetadata.Instance);
        string[] operators = [AdminRoles.SecurityAdmin, AdminRoles.PlatformOperator];
        group.MapGet("/", List).RequireAdminRoles(AdminRoles.All.ToArray());
        group.MapGet("/{partner}/{workload}", Get).RequireAdminRoles(AdminRoles.All.ToArray());
        group.MapPost("/", RequestAsync).RequireAdminRoles(operators);
        group.MapPut("/{partner}/{workload}", UpdateAsync).RequireAdminRoles(operators);
        group.MapPost("/{partner}/{workload}/provision", (string partner, string workload, HttpContext context, EstateStewardship estate, PartnerRegistry partners, TimeProvider time) =>
            ChangeAsync(context, "workload.provision", partner + "/" + workload, actor => estate.ProvisionWorkloadAsync(partner + "/" + workload, actor, context.RequestAborted), partners, time))
            .RequireAdminRoles(operators);
        group.MapPost("/{partner}/{workload}/certify", (string partner, string workload, HttpContext context, EstateStewardship estate, PartnerRegistry partners, TimeProvider time) =>
            ChangeAsync(context, "workload.certify", partner + "/" + workload, actor => estate.CertifyWorkloadAsync(partner + "/" + workload, actor, context.RequestAborted), partners, time))
            .RequireAdminRoles(AdminRoles.Reviewer);
        MapTransition(group, "suspend", LifecycleTransition.Suspend, operators);
        MapTransition(group, "reinstate", LifecycleTransition.Reinstate, [AdminRoles.SecurityAdmin]);
        MapTransition(group, "retire", LifecycleTransition.Retire, [AdminRoles.SecurityAdmin]);
        group.MapPost("/{partner}/{workload}/certificates", AttachAsync).RequireAdminRoles(operators);
        group.MapPost("/{partner}/{workload}/certificates/{thumbprint}/retire", (string partner, string workload, string thumbprint, HttpContext context, CertificateRotation rotation, PartnerRegistry partners, TimeProvider time) =>
            ChangeAsync(context, "certificate.retire", partner + "/" + workload + "#" + thumbprint, actor => rotation.RetireAsync(partner + "/" + workload, thumbprint, actor, context.RequestAborted), partners, time))
            .RequireAdminRoles(operators);

        var certificates = endpoints.MapGroup("/admin/certificates").WithMetadata(AdminEndpointMetadata.Instance);
        certificates.MapGet("/revoked", (Governance.GovernanceRegistry governance) => Results.Json(
            new { items = governance.Current.Revocations.Values.OrderBy(r => r.RevokedAt).Select(r => new { thumbprint = r.Thumbprint, reason = r.Reason, revokedAt = r.RevokedAt, revokedBy = r.RevokedBy }) },
            GovernanceResponses.Json)).RequireAdminRoles(AdminRoles.All.ToArray());
        certificates.MapPost("/{thumbprint}/revoke", RevokeAsync).RequireAdminRoles(AdminRoles.SecurityAdmin);
    }

    private static void MapTransition(RouteGroupBuilder group, string verb, LifecycleTransition transition, string[] roles) =>
        group.MapPost("/{partner}/{workload}/" + verb, (string partner, string workload, HttpContext context, EstateStewardship estate, PartnerRegistry partners, TimeProvider time) =>
            ChangeAsync(context, "workload." + verb, partner + "/" + workload, actor => estate.ChangeWorkloadStatusAsync(partner + "/" + workload, transition, actor, context.RequestAborted), partners, time))
            .RequireAdminRoles(roles);

    private static IResult List(HttpContext context, PartnerRegistry partners, TimeProvider time)
    {
        var partner = context.Request.Query["partner"].Count == 1 ? context.Request.Query["partner"][0] : null;
        var directory = partners.Current;
        var now = time.GetUtcNow();
        return Results.Json(new
        {
            items = directory.Workloads
                .Where(w => partner is null || w.Partner.Id == partner)
                .OrderBy(w => w.QualifiedId, StringComparer.Ordinal)
                .Select(w => EstateViews.Workload(w, directory, now)),
        }, GovernanceResponses.Json);
    }

    private static IResult Get(string partner, string workload, PartnerRegistry partners, TimeProvider time) =>
        partners.Current.FindWorkload(partner + "/" + workload) is { } found
            ? Results.Json(EstateViews.Workload(found, partners.Current, time.GetUtcNow()), GovernanceResponses.Json)
            : AdminRequest.Problem(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, [$"Workload '{partner}/{workload}' is not registered."]);

    private static async Task<IResult> RequestAsync(HttpContext context, EstateStewardship estate, PartnerRegistry partners, TimeProvider time)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<WorkloadBody>(context);
        if (body is null)
        {
            return problem!;
        }

        var qualified = body.PartnerId + "/" + body.Id;
        return await ChangeAsync(context, "workload.request", qualified,
            actor => estate.RequestWorkloadAsync(body.PartnerId ?? string.Empty, body.Id ?? string.Empty, body.ToDefinition(), body.ToStewardship(), actor, context.RequestAborted),
            partners, time);
    }

    private static async Task<IResult> UpdateAsync(string partner, string workload, HttpContext context, EstateStewardship estate, PartnerRegistry partners, TimeProvider time)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<WorkloadBody>(context);
        if (body is null)
        {
            return problem!;
        }

        if ((body.PartnerId is not null && body.PartnerId != partner) || (body.Id is not null && body.Id != workload))
        {
            return AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, ["The body's partnerId or id differs from the path's; a workload id never changes."]);
        }

        var qualified = partner + "/" + workload;
        return await ChangeAsync(context, "workload.update", qualified,
            actor => estate.UpdateWorkloadAsync(qualified, body.ToDefinition(), body.ToStewardship(), actor, context.RequestAborted), partners, time);
    }

    private static async Task<IResult> AttachAsync(string partner, string workload, HttpContext context, CertificateRotation rotation, PartnerRegistry partners, TimeProvider time)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<CertificateBody>(context);
        if (body is null)
        {
            return problem!;
        }

        var qualified = partner + "/" + workload;
        return await ChangeAsync(context, "certificate.attach", qualified,
            actor => rotation.AttachAsync(qualified, body.Certificate ?? string.Empty, actor, context.RequestAborted), partners, time);
    }

    private static async Task<IResult> RevokeAsync(string thumbprint, HttpContext context, CertificateRotation rotation)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<ReasonBody>(context);
        if (body is null)
        {
            return problem!;
        }

        var actor = AdminRequest.Actor(context);
        var outcome = await rotation.RevokeAsync(thumbprint, body.Reason ?? string.Empty, actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "certificate.revoke", thumbprint, outcome,
            value => value is CertificateRevocation revocation ? new { thumbprint = revocation.Thumbprint, reason = revocation.Reason, revokedAt = revocation.RevokedAt, revokedBy = revocation.RevokedBy } : value);
    }

    // Every workload change answers with the workload as the request path now sees it.
    private static async Task<IResult> ChangeAsync(
        HttpContext context, string action, string target, Func<string, Task<GovernanceOutcome>> change, PartnerRegistry partners, TimeProvider time)
    {
        var actor = AdminRequest.Actor(context);
        var outcome = await change(actor);
        var qualified = target.Split('#')[0];
        return GovernanceResponses.Respond(context, actor, action, target, outcome, _ =>
            partners.Current.FindWorkload(qualified) is { } workload ? EstateViews.Workload(workload, partners.Current, time.GetUtcNow()) : new { id = qualified });
    }
}
