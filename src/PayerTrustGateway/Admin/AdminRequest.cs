using Hl7.Fhir.Model;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Admin;

/// <summary>What every admin change needs: who makes it (<c>X-Recorded-By</c>, until the admin API has its own authentication) and OperationOutcome errors.</summary>
internal static class AdminRequest
{
    public const string ActorHeader = "X-Recorded-By";

    /// <summary>The one actor the request names (1-200 characters, no control characters).</summary>
    public static bool TryActor(HttpContext context, out string actor)
    {
        ArgumentNullException.ThrowIfNull(context);
        var values = context.Request.Headers[ActorHeader];
        actor = values.Count == 1 ? values[0]!.Trim() : string.Empty;
        return actor.Length is > 0 and <= 200 && actor.All(c => !char.IsControl(c));
    }

    public static IResult Problem(int status, OperationOutcome.IssueType type, IEnumerable<string> problems) =>
        Results.Text(OperationOutcomeFactory.CreateProblemsJson(type, problems), OperationOutcomeFactory.MediaType, status);
}
