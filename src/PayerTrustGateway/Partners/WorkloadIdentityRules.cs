namespace PayerTrustGateway.Partners;

/// <summary>
/// What a partner or workload id, a certificate identity and a workload scope must look like, wherever they
/// come from (configuration or the admin API); each caller words its own error.
/// </summary>
internal static class WorkloadIdentityRules
{
    /// <summary>Partner and workload ids: 1-64 of letters, digits, '-', '_' and '.'.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    /// <summary>A SAN URI identity: an absolute URI (e.g. a SPIFFE id).</summary>
    public static bool IsSanUri(string value) => Uri.TryCreate(value, UriKind.Absolute, out _);

    /// <summary>A SAN DNS identity: a plain DNS name, no wildcards.</summary>
    public static bool IsSanDns(string value) =>
        !value.Contains('*', StringComparison.Ordinal) && Uri.CheckHostName(value) == UriHostNameType.Dns;

    /// <summary>An SPKI pin: the base64 SHA-256 (32 bytes) of the SubjectPublicKeyInfo.</summary>
    public static bool IsSpkiPin(string value)
    {
        Span<byte> pin = stackalloc byte[64];
        return Convert.TryFromBase64String(value, pin, out var written) && written == 32;
    }

    /// <summary>A SMART <c>system/</c> scope (partner workloads act as systems).</summary>
    public static bool IsSystemScope(string scope) =>
        scope.StartsWith("system/", StringComparison.Ordinal) && !scope.Contains(' ', StringComparison.Ordinal);
}
