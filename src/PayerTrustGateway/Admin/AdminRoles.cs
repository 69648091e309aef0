namespace PayerTrustGateway.Admin;

/// <summary>
/// The roles an admin token may carry (in <see cref="AdminAccessOptions.RoleClaim"/>). Each admin endpoint
/// names the roles it admits with <see cref="AdminEndpointConventionBuilderExtensions.RequireAdminRoles"/>.
/// </summary>
internal static class AdminRoles
{
    /// <summary>Everything, including signing-key rotation.</summary>
    public const string SecurityAdmin = "security-admin";

    /// <summary>Runs the gateway: consents (read and change), keys and configuration status (read).</summary>
    public const string PlatformOperator = "platform-operator";

    /// <summary>Reads the audit trail, consents, keys and configuration status; changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Reads keys and configuration status only.</summary>
    public const string Reviewer = "reviewer";

    public static readonly IReadOnlyList<string> All = [SecurityAdmin, PlatformOperator, Auditor, Reviewer];
}
