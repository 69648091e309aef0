using Hl7.Fhir.Model;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Admin;

/// <summary>
/// The manual-review queue on the admin listener: <c>GET /admin/reviews?state=&amp;kind=&amp;overdue=true</c>
/// (any role), <c>POST /admin/reviews/{id}/claim</c> and <c>POST /admin/reviews/{id}/decide</c> (reviewer).
/// </summary>
internal static class ReviewAdminEndpoints
{
    public static void MapReviewAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/reviews").WithMetadata(AdminEndpointMetadata.Instance);
        group.MapGet("/", List).RequireAdminRoles(AdminRoles.All.ToArray());
        group.MapPost("/{id}/claim", ClaimAsync).RequireAdminRoles(AdminRoles.Reviewer);
        group.MapPost("/{id}/decide", DecideAsync).RequireAdminRoles(AdminRoles.Reviewer);
    }

    private static IResult List(HttpContext context, ReviewQueue queue, TimeProvider time)
    {
        var query = context.Request.Query;
        ReviewState? state = null;
        ReviewKind? kind = null;
        var problems = new List<string>();
        if (query["state"].Count == 1)
        {
            if (TryParse<ReviewState>(query["state"][0], out var parsed))
            {
                state = parsed;
            }
            else
            {
                problems.Add("state must be open, claimed or decided.");
            }
        }

        if (query["kind"].Count == 1)
        {
            if (TryParse<ReviewKind>(query["kind"][0], out var parsed))
            {
                kind = parsed;
            }
            else
            {
                problems.Add("kind must be exception-approval or break-glass-review.");
            }
        }

        var overdue = query["overdue"].Count == 1 && query["overdue"][0] == "true";
        if (query["overdue"].Count == 1 && query["overdue"][0] is not ("true" or "false"))
        {
            problems.Add("overdue must be true or false.");
        }

        if (problems.Count > 0)
        {
            return AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, problems);
        }

        var now = time.GetUtcNow();
        var items = queue.List(state, kind, overdue, now);
        return Results.Json(new
        {
            depth = items.Count(item => item.State != ReviewState.Decided),
            overdue = items.Count(item => item.IsOverdueAt(now)),
            items = items.Select(item => EstateViews.Review(item, now)),
        }, GovernanceResponses.Json);
    }

    private static async Task<IResult> ClaimAsync(string id, HttpContext context, ReviewQueue queue, TimeProvider time)
    {
        var actor = AdminRequest.Actor(context);
        var outcome = await queue.ClaimAsync(id, actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "review.claim", id, outcome, value => EstateViews.Review((ReviewItem)value, time.GetUtcNow()));
    }

    private static async Task<IResult> DecideAsync(string id, HttpContext context, ReviewQueue queue, TimeProvider time)
    {
        var (body, problem) = await GovernanceResponses.ReadAsync<DecisionBody>(context);
        if (body is null)
        {
            return problem!;
        }

        if (body.Decision is null)
        {
            return AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, ["decision (approve or reject) is required."]);
        }

        var actor = AdminRequest.Actor(context);
        var outcome = await queue.DecideAsync(id, body.Decision.Value, body.Note, actor, context.RequestAborted);
        return GovernanceResponses.Respond(context, actor, "review.decide", id, outcome, value => EstateViews.Review((ReviewItem)value, time.GetUtcNow()));
    }

    // Query values in the API's kebab-case form, e.g. break-glass-review.
    private static bool TryParse<T>(string? value, out T parsed)
        where T : struct, Enum
    {
        parsed = default;
        return value is not null && Enum.TryParse(value.Replace("-", string.Empty, StringComparison.Ordinal), ignoreCase: true, out parsed) && Enum.IsDefined(parsed);
    }
}
