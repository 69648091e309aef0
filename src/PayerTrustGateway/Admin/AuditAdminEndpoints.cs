using System.Text.Json;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Admin;

/// <summary>
/// The audit trail on the admin listener (the auditor's API: roles auditor and security-admin; the admin
/// listener itself is loopback by default and never reachable from the partner listener):
/// <list type="bullet">
/// <item><c>GET /admin/audit/records</c>: one page of records matching the filters, oldest first, with the next page's cursor;</item>
/// <item><c>GET /admin/audit/export?format=ndjson|fhir</c>: every matching record streamed as NDJSON (records with their hashes, or FHIR AuditEvent resources), e.g. a partner's whole history for a period in one call;</item>
/// <item><c>GET /admin/audit/verify</c>: re-walks every instance's hash chain and checkpoints;</item>
/// <item><c>GET /admin/audit/scorecard?from=&amp;to=</c>: the governance figures for a period, from the store.</item>
/// </list>
/// </summary>
internal static class AuditAdminEndpoints
{
    public const string NdjsonMediaType = "application/x-ndjson";
    public const string FhirNdjsonMediaType = "application/fhir+ndjson";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapAuditAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/audit").WithMetadata(AdminEndpointMetadata.Instance)
            .RequireAdminRoles(AdminRoles.Auditor, AdminRoles.SecurityAdmin);
        group.MapGet("/records", Records);
        group.MapGet("/export", ExportAsync);
        group.MapGet("/verify", VerifyAsync);
        group.MapGet("/scorecard", Scorecard);
    }

    private static IResult Records(HttpContext context, IAuditStore store, IOptions<AuditOptions> options)
    {
        if (!TryQuery(context.Request.Query, options.Value, out var query, out var problem))
        {
            return problem;
        }

        var page = store.Query(query);
        var body = new System.Buffers.ArrayBufferWriter<byte>(16 * 1024);
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var record in page.Records)
            {
                AuditChain.WriteExport(record, json);
            }

            json.WriteEndArray();
            json.WriteString("next", page.NextCursor?.ToString());
            json.WriteEndObject();
        }

        return Results.Bytes(body.WrittenMemory, "application/json");
    }

    private static async Task ExportAsync(HttpContext context, IAuditStore store, IOptions<AuditOptions> options)
    {
        var format = context.Request.Query["format"];
        var fhir = format.Count == 1 && format[0] == "fhir";
        if (format.Count > 1 || (format.Count == 1 && format[0] is not ("fhir" or "ndjson")))
        {
            await AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, ["Parameter 'format' must be 'ndjson' (records with hashes) or 'fhir' (AuditEvent resources)."]).ExecuteAsync(context);
            return;
        }

        if (!TryQuery(context.Request.Query.Where(p => p.Key != "format"), options.Value, out var query, out var problem))
        {
            await problem.ExecuteAsync(context);
            return;
        }

        context.Response.ContentType = fhir ? FhirNdjsonMediaType : NdjsonMediaType;
        await AuditExport.WriteAsync(store.Stream(query), fhir, context.Response.Body, context.RequestAborted);
    }

    private static async Task<IResult> VerifyAsync(AuditChainVerifier verifier, CancellationToken cancellationToken) =>
        Results.Json(await verifier.VerifyAsync(cancellationToken), Json);

    private static IResult Scorecard(
        HttpContext context, IAuditStore store, TimeProvider time, IOptions<AuditOptions> options, Governance.GovernanceRegistry governance, Partners.PartnerRegistry partners)
    {
        var now = time.GetUtcNow();
        if (!TryQuery(context.Request.Query, options.Value, out var query, out var problem))
        {
            return problem;
        }

        if (query is not { Partner: null, Workload: null, Member: null, ConsentId: null, RequestId: null, Reason: null, Decision: null, Kind: null, After: null })
        {
            return AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported, ["The scorecard takes only 'from' and 'to' (default: the last 30 days)."]);
        }

        var to = query.To ?? now;
        var from = query.From ?? to.AddDays(-30);
        return Results.Json(store.Scorecard(from, to, now) with { Governance = Governance.GovernanceStanding.Of(governance.Current, partners.Current, now) }, Json);
    }

    private static bool TryQuery(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> parameters, AuditOptions options, out AuditQuery query, out IResult problem)
    {
        var given = parameters.Select(p => KeyValuePair.Create(p.Key, (IReadOnlyList<string>)[.. p.Value.Select(v => v ?? string.Empty)]));
        if (AuditQueryParser.TryParse(given, options.MaxPageSize, defaultPageSize: 100, out query, out var problems))
        {
            problem = Results.Empty;
            return true;
        }

        problem = AdminRequest.Problem(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Value, problems);
        return false;
    }
}
