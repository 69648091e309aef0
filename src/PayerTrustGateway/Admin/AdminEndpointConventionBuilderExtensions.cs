using Microsoft.AspNetCore.Authorization;

namespace PayerTrustGateway.Admin;

/// <summary>Admits an admin endpoint to callers with a valid admin token carrying one of the named roles.</summary>
internal static class AdminEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Requires the <see cref="AdminAccessOptions.AuthenticationScheme"/> scheme only (partner credentials are
    /// never consulted), an authenticated caller, and any of <paramref name="roles"/>: no token or an invalid
    /// one is 401, a valid one without the role is 403.
    /// </summary>
    public static TBuilder RequireAdminRoles<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0 || roles.Any(role => !AdminRoles.All.Contains(role, StringComparer.Ordinal)))
        {
            throw new ArgumentException("Name one or more of AdminRoles.All.", nameof(roles));
        }

        var policy = new AuthorizationPolicyBuilder(AdminAccessOptions.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireRole(roles)
            .Build();
        return builder.RequireAuthorization(policy);
    }
}
