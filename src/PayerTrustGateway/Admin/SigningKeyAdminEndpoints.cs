using System.Text.Json;
using Hl7.Fhir.Model;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Admin;

/// <summary>
/// The signing key ring on the admin listener: <c>GET /admin/keys</c> (any admin role: kids, algorithms,
/// when each started and stopped signing, until when it is published; never key material) and
/// <c>POST /admin/keys/rotate</c> (security-admin: a new key signs at once; the old one stays published for
/// the overlap; the token's subject is the recorded actor).
/// </summary>
internal static class SigningKeyAdminEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapSigningKeyAdmin(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/admin/keys").WithMetadata(AdminEndpointMetadata.Instance);
        group.MapGet("/", (SigningKeyRing ring, TimeProvider time) => Results.Json(Describe(ring, time), Json))
            .RequireAdminRoles([.. AdminRoles.All]);
        group.MapPost("/rotate", Rotate)
            .RequireAdminRoles(AdminRoles.SecurityAdmin);
    }

    private static IResult Rotate(HttpContext context, SigningKeyRing ring, TimeProvider time, ILogger<SigningKeyRing> logger)
    {
        var actor = AdminRequest.Actor(context);
        if (ring.IsManaged)
        {
            return AdminRequest.Problem(StatusCodes.Status409Conflict, OperationOutcome.IssueType.NotSupported, ["The signing keys are configured files (TrustGateway:SigningKeys:Files); rotate them in configuration."]);
        }

        var replaced = ring.Signing.KeyId;
        // Annotated before rotating, so a rotation that throws is still recorded (status 500: a failed rotation).
        AuditAnnotations.Change(context, actor, AuditScorecardCalculator.KeyRotationAction, "signing-keys", replaced, after: null);
        var key = ring.Rotate();
        AuditAnnotations.Change(context, actor, AuditScorecardCalculator.KeyRotationAction, key.KeyId, replaced, key.KeyId);
        logger.SigningKeyRotationRequested(key.KeyId, actor);
        return Results.Json(Describe(ring, time), Json);
    }

    private static object Describe(SigningKeyRing ring, TimeProvider time)
    {
        var overlap = ring.EffectiveOverlap;
        var now = time.GetUtcNow();
        var signing = ring.Signing.KeyId;
        return new
        {
            signing,
            managed = ring.IsManaged,
            overlap = overlap.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            keys = ring.Describe().Select(entry => new
            {
                kid = entry.KeyId,
                alg = entry.Algorithm,
                created = ring.IsManaged ? (DateTimeOffset?)null : entry.Created,
                retired = entry.Retired,
                publishedUntil = entry.Retired + overlap,
                published = entry.Retired is not { } retired || retired + overlap > now,
            }),
        };
    }
}
