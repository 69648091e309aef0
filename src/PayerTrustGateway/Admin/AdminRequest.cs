using System.Security.Claims;
using Hl7.Fhir.Model;
using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Admin;

/// <summary>What every admin endpoint needs: who the authenticated admin is (the admin token's subject) and OperationOutcome errors.</summary>
internal static class AdminRequest
{
    /// <summary>
    /// The authenticated admin's subject (<see cref="AdminAccessOptions.SubjectClaim"/>), the actor of any change
    /// the request makes. Only for endpoints that <see cref="AdminEndpointConventionBuilderExtensions.RequireAdminRoles"/>:
    /// authorization has refused the request before the endpoint runs unless there is one.
    /// </summary>
    public static string Actor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Subject(context.User)
            ?? throw new InvalidOperationException("No authenticated admin on this request: the endpoint must RequireAdminRoles.");
    }

    /// <summary>The subject of the admin token <paramref name="user"/> was authenticated with, or null (no or no valid admin token).</summary>
    public static string? Subject(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        foreach (var identity in user.Identities)
        {
            if (identity.IsAuthenticated && string.Equals(identity.AuthenticationType, AdminAccessOptions.AuthenticationScheme, StringComparison.Ordinal))
            {
                return identity.Name;
            }
        }

        return null;
    }

    public static IResult Problem(int status, OperationOutcome.IssueType type, IEnumerable<string> problems) =>
        Results.Text(OperationOutcomeFactory.CreateProblemsJson(type, problems), OperationOutcomeFactory.MediaType, status);
}
