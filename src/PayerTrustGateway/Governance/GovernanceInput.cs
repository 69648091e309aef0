namespace PayerTrustGateway.Governance;

/// <summary>Checks shared by the governance operations on what an operator sends.</summary>
internal static class GovernanceInput
{
    /// <summary>Adds a problem unless <paramref name="value"/> is 1-<paramref name="max"/> printable characters.</summary>
    public static void RequireText(List<string> problems, string name, string? value, int max = 200)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > max || value.Any(char.IsControl))
        {
            problems.Add($"{name} is required: 1-{max} printable characters.");
        }
    }

    /// <summary>A FHIR resource type name (letters only, starting upper case).</summary>
    public static bool IsResourceType(string? type) =>
        type is { Length: > 0 and <= 64 } && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter);

    /// <summary>Accepts a certificate thumbprint as <c>x5t#S256</c> (base64url) or as 64 hex digits; answers the base64url form.</summary>
    public static bool TryNormalizeThumbprint(string? value, out string thumbprint)
    {
        thumbprint = string.Empty;
        if (value is { Length: 64 } && value.All(char.IsAsciiHexDigit))
        {
            thumbprint = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(Convert.FromHexString(value));
            return true;
        }

        if (value is { Length: 43 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            thumbprint = value;
            return true;
        }

        return false;
    }
}
