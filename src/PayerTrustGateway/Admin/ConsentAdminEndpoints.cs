using System.Collections.Immutable;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.Extensions.Primitives;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Consent;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Admin;

/// <summary>
/// The consent registry on the admin listener: capture a FHIR Consent (HRex), revoke, list by member or
/// partner, read one, and read its history. Reading takes security-admin, platform-operator or auditor;
/// capture and revoke take security-admin or platform-operator, and record the admin token's subject as who
/// made the change. Errors are OperationOutcomes.
/// </summary>
internal static class ConsentAdminEndpoints
{
    private const int MaxConsentBytes = 256 * 1024;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Readers = [AdminRoles.SecurityAdmin, AdminRoles.PlatformOperator, AdminRoles.Auditor];
    private static readonly string[] Changers = [AdminRoles.SecurityAdmin, AdminRoles.PlatformOperator];

    public static void MapConsentAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/consents").WithMetadata(AdminEndpointMetadata.Instance);
        group.MapPost("/", CaptureAsync).RequireAdminRoles(Changers);
        group.MapGet("/", ListAsync).RequireAdminRoles(Readers);
        group.MapGet("/{id}", GetAsync).RequireAdminRoles(Readers);
        group.MapGet("/{id}/history", HistoryAsync).RequireAdminRoles(Readers);
        group.MapPost("/{id}/revoke", RevokeAsync).RequireAdminRoles(Changers);
    }

    private static async Task<IResult> CaptureAsync(HttpContext context, IConsentStore store, ConsentRegistry registry, PartnerRegistry partners, HrexConsentReader reader, TimeProvider time, ILogger<ConsentRegistry> logger)
    {
        var actor = AdminRequest.Actor(context);
        var body = await BoundedBodyReader.ReadAsync(context.Request.Body, context.Request.ContentLength, MaxConsentBytes, context.RequestAborted);
        if (body is null)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooLong, ["A Consent resource is at most 256 KiB."]);
        }

        var query = context.Request.Query;
        var capture = new ConsentCapture(body.Value, Values(query["purpose"]), Values(query["class"]), query["member"].Count == 1 ? query["member"][0] : null);
        if (!reader.TryRead(capture, partners.Current, registry.Rules, out var terms, out var problems))
        {
            return Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, problems);
        }

        var record = await store.RecordAsync(terms!, actor, time.GetUtcNow(), context.RequestAborted);
        logger.ConsentChanged(record.Id, record.Version, record.Change, actor, record.Terms.PartnerId);
        AnnotateChange(context, actor, record.Version == 1 ? "consent.capture" : "consent.revise", before: null, record);
        return Results.Json(Describe(record, time.GetUtcNow()), Json, statusCode: record.Version == 1 ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    private static async Task<IResult> RevokeAsync(string id, HttpContext context, IConsentStore store, TimeProvider time, ILogger<ConsentRegistry> logger)
    {
        var actor = AdminRequest.Actor(context);
        var reason = context.Request.Query["reason"].Count == 1 ? context.Request.Query["reason"][0] : null;
        var before = await store.GetAsync(id, context.RequestAborted);
        var record = await store.RevokeAsync(id, actor, reason, time.GetUtcNow(), context.RequestAborted);
        if (record is null)
        {
            return NotFound();
        }

        logger.ConsentChanged(record.Id, record.Version, record.Change, actor, record.Terms.PartnerId);
        AnnotateChange(context, actor, AuditScorecardCalculator.ConsentRevokeAction, before, record);
        return Results.Json(Describe(record, time.GetUtcNow()), Json);
    }

    private static async Task<IResult> ListAsync(HttpContext context, IConsentStore store, TimeProvider time)
    {
        var query = context.Request.Query;
        var member = query["member"].Count == 1 ? query["member"][0] : null;
        var partner = query["partner"].Count == 1 ? query["partner"][0] : null;
        if (member is null && partner is null)
        {
            return Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Required, ["List by member, partner, or both: ?member=[id]&partner=[id]."]);
        }

        var limit = int.TryParse(query["limit"], out var parsed) && parsed is > 0 and <= 1000 ? parsed : 100;
        var page = await store.ListAsync(new ConsentQuery(member, partner, query["after"].Count == 1 ? query["after"][0] : null, limit), context.RequestAborted);
        var now = time.GetUtcNow();
        return Results.Json(new { items = page.Select(record => Describe(record, now)), next = page.Length == limit ? page[^1].Id : null }, Json);
    }

    private static async Task<IResult> GetAsync(string id, IConsentStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var record = await store.GetAsync(id, cancellationToken);
        return record is null ? NotFound() : Results.Json(Describe(record, time.GetUtcNow()), Json);
    }

    private static async Task<IResult> HistoryAsync(string id, IConsentStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var versions = await store.GetHistoryAsync(id, cancellationToken);
        var now = time.GetUtcNow();
        return versions.IsEmpty ? NotFound() : Results.Json(new { id, versions = versions.Select(record => Describe(record, now)) }, Json);
    }

    // The audit record of a consent change: who, what, and the consent's state before and after (no member identifiers).
    private static void AnnotateChange(HttpContext context, string actor, string action, ConsentRecord? before, ConsentRecord after)
    {
        AuditAnnotations.Change(context, actor, action, after.Id, before is null ? null : AuditSummary(before), AuditSummary(after));
        var annotations = AuditAnnotations.For(context);
        annotations.ConsentId = after.Id;
        annotations.ConsentVersion = after.Version;
        annotations.Member = after.Terms.MemberKey;
    }

    private static string AuditSummary(ConsentRecord record) => JsonSerializer.Serialize(new
    {
        version = record.Version,
        status = record.Status.ToString().ToLowerInvariant(),
        partner = record.Terms.PartnerId,
        purposesOfUse = record.Terms.PurposesOfUse,
        dataClasses = record.Terms.DataClasses,
        periodEnd = record.Terms.PeriodEnd,
        reason = record.Reason,
    });

    /// <summary>The stored record as the admin API shows it (status as of now: an active consent past its end reads as expired).</summary>
    public static object Describe(ConsentRecord record, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(record);
        var terms = record.Terms;
        return new
        {
            id = record.Id,
            version = record.Version,
            status = record.StatusAt(now).ToString().ToLowerInvariant(),
            member = new { key = terms.MemberKey, identifiers = terms.MemberIdentifiers },
            partner = terms.PartnerId,
            purposesOfUse = terms.PurposesOfUse,
            dataClasses = terms.DataClasses,
            policy = terms.Policy == ConsentPolicy.Sensitive ? HrexConsentReader.SensitivePolicy : HrexConsentReader.RegularPolicy,
            period = new { start = terms.PeriodStart, end = terms.PeriodEnd },
            source = new { consent = terms.SourceId, version = terms.SourceVersion },
            change = record.Change,
            changedBy = record.ChangedBy,
            changedAt = record.ChangedAt,
            reason = record.Reason,
        };
    }

    private static ImmutableArray<string> Values(StringValues values) =>
        [.. values.Where(value => !string.IsNullOrEmpty(value)).Select(value => value!)];

    private static IResult NotFound() => Problem(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, ["No consent with this id."]);

    private static IResult Problem(int status, OperationOutcome.IssueType type, IEnumerable<string> problems) => AdminRequest.Problem(status, type, problems);
}
