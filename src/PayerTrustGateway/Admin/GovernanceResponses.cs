using System.Text.Json;
using System.Text.Json.Serialization;
using Hl7.Fhir.Model;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Hygiene;

namespace PayerTrustGateway.Admin;

/// <summary>
/// What the governance endpoints share: reading a JSON body (bounded, strict, OperationOutcome on error),
/// and turning a <see cref="GovernanceOutcome"/> into a response and its audit annotation (actor, action,
/// target, before and after; a refused change is recorded with its action and target too).
/// </summary>
internal static class GovernanceResponses
{
    public const int MaxBodyBytes = 256 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The body as <typeparamref name="T"/>, or the 400/413 response that says what is wrong with it.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var body = await BoundedBodyReader.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return (null, AdminRequest.Problem(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, ["The request body is at most 256 KiB."]));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(body.Value.Span, Json);
            return value is null
                ? (null, AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, ["Send a JSON object."]))
                : (value, null);
        }
        catch (JsonException exception)
        {
            // The serializer's message names the member and position; it carries no data beyond what the caller sent.
            var where = exception.Path is { Length: > 0 } path ? $" at {path}" : string.Empty;
            return (null, AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                [$"The body is not valid JSON for this call{where}: check member names, types and required members."]));
        }
    }

    /// <summary>The response for <paramref name="outcome"/>, with the change (or the refused attempt) annotated for the audit record.</summary>
    public static IResult Respond(HttpContext context, string actor, string action, string target, GovernanceOutcome outcome, Func<object, object> describe)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(describe);
        if (!outcome.Succeeded)
        {
            AuditAnnotations.Change(context, actor, action, target, before: null, after: null);
            return AdminRequest.Problem(Status(outcome.Kind), IssueType(outcome.Kind), outcome.Problems);
        }

        AuditAnnotations.Change(context, actor, outcome.Action ?? action, outcome.Target ?? target, outcome.Before, outcome.After);
        var status = outcome.Kind == GovernanceOutcomeKind.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        return Results.Json(describe(outcome.Value!), Json, statusCode: status);
    }

    private static int Status(GovernanceOutcomeKind kind) => kind switch
    {
        GovernanceOutcomeKind.Invalid => StatusCodes.Status400BadRequest,
        GovernanceOutcomeKind.NotFound => StatusCodes.Status404NotFound,
        GovernanceOutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status409Conflict,
    };

    private static OperationOutcome.IssueType IssueType(GovernanceOutcomeKind kind) => kind switch
    {
        GovernanceOutcomeKind.Invalid => OperationOutcome.IssueType.Invalid,
        GovernanceOutcomeKind.NotFound => OperationOutcome.IssueType.NotFound,
        GovernanceOutcomeKind.Forbidden => OperationOutcome.IssueType.Forbidden,
        _ => OperationOutcome.IssueType.Conflict,
    };
}
