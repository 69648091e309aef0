using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tokens;

/// <summary>Reads <c>Authorization: Bearer|DPoP &lt;token68&gt;</c> (RFC 6750 §2.1, RFC 9449 §7.1).</summary>
internal static class AuthorizationHeader
{
    /// <summary>True when a usable credential was found; false with <paramref name="reason"/> set otherwise.</summary>
    public static bool TryParse(string? value, out TokenScheme scheme, out string token, out DenyReason reason)
    {
        scheme = TokenScheme.None;
        token = string.Empty;
        if (string.IsNullOrEmpty(value))
        {
            reason = DenyReason.TokenMissing;
            return false;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        var name = space < 0 ? value : value[..space];
        var credential = space < 0 ? string.Empty : value[(space + 1)..].Trim(' ');

        // RFC 9110 §11.1: auth scheme names are case-insensitive.
        scheme = name.Equals("Bearer", StringComparison.OrdinalIgnoreCase) ? TokenScheme.Bearer
            : name.Equals("DPoP", StringComparison.OrdinalIgnoreCase) ? TokenScheme.DPoP
            : TokenScheme.None;
        if (scheme == TokenScheme.None || credential.Length == 0 || !IsToken68(credential))
        {
            reason = DenyReason.TokenRequestMalformed;
            return false;
        }

        token = credential;
        reason = DenyReason.None;
        return true;
    }

    // RFC 9110 §11.2: token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
    private static bool IsToken68(string value)
    {
        var end = value.Length;
        while (end > 0 && value[end - 1] == '=')
        {
            end--;
        }

        for (var i = 0; i < end; i++)
        {
            var c = value[i];
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.' or '_' or '~' or '+' or '/'))
            {
                return false;
            }
        }

        return end > 0;
    }
}
