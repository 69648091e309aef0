using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Hygiene;

/// <summary>
/// Decides whether a raw request target (as it arrived on the wire, before any decoding) is
/// unambiguous enough to route, authorize and forward. The gateway refuses rather than normalises:
/// what it checks must be exactly what the backend receives (RFC 3986 §2.2, §5.2.4; RFC 9110 §4.2.3).
/// </summary>
internal static class RequestTargetInspector
{
    public static DenyReason Inspect(ReadOnlySpan<char> rawTarget, int maxLength)
    {
        if (rawTarget.Length > maxLength)
        {
            return DenyReason.RequestTargetTooLong;
        }

        // Origin form only (RFC 9112 §3.2.1): absolute and asterisk forms are for proxies and OPTIONS *.
        if (rawTarget.IsEmpty || rawTarget[0] != '/')
        {
            return DenyReason.RequestTargetMalformed;
        }

        if (rawTarget.Contains('#'))
        {
            return DenyReason.RequestTargetMalformed;
        }

        var queryStart = rawTarget.IndexOf('?');
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];

        var verdict = InspectCharacters(rawTarget);
        if (verdict != DenyReason.None)
        {
            return verdict;
        }

        verdict = InspectPathEncoding(path);
        return verdict != DenyReason.None ? verdict : InspectSegments(path);
    }

    // Raw control characters and malformed escapes anywhere, and percent-encoded controls (%00-%1F, %7F).
    private static DenyReason InspectCharacters(ReadOnlySpan<char> target)
    {
        for (var i = 0; i < target.Length; i++)
        {
            var c = target[i];
            if (char.IsControl(c))
            {
                return DenyReason.ControlCharacter;
            }

            if (c != '%')
            {
                continue;
            }

            if (!TryDecodeEscape(target, i, out var decoded))
            {
                return DenyReason.RequestTargetMalformed;
            }

            if (decoded < 0x20 || decoded == 0x7F)
            {
                return DenyReason.ControlCharacter;
            }
        }

        return DenyReason.None;
    }

    // In the path: no backslash, and no escape that decodes to '/', '\', '.' or '%' (double encoding).
    private static DenyReason InspectPathEncoding(ReadOnlySpan<char> path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\')
            {
                return DenyReason.PathNotCanonical;
            }

            if (c != '%')
            {
                continue;
            }

            // Escapes are well formed here: InspectCharacters ran first.
            if (TryDecodeEscape(path, i, out var decoded) && decoded is '/' or '\\' or '.' or '%')
            {
                return DenyReason.PathNotCanonical;
            }
        }

        return DenyReason.None;
    }

    // No "." or ".." segments and no empty segment inside the path ("//").
    private static DenyReason InspectSegments(ReadOnlySpan<char> path)
    {
        var rest = path[1..];
        while (true)
        {
            var slash = rest.IndexOf('/');
            var segment = slash < 0 ? rest : rest[..slash];
            var isLast = slash < 0;

            if (segment is "." or "..")
            {
                return DenyReason.PathNotCanonical;
            }

            if (segment.IsEmpty && !isLast)
            {
                return DenyReason.PathNotCanonical;
            }

            if (isLast)
            {
                return DenyReason.None;
            }

            rest = rest[(slash + 1)..];
        }
    }

    private static bool TryDecodeEscape(ReadOnlySpan<char> text, int percentIndex, out int decoded)
    {
        decoded = 0;
        if (percentIndex + 2 >= text.Length)
        {
            return false;
        }

        var high = HexValue(text[percentIndex + 1]);
        var low = HexValue(text[percentIndex + 2]);
        if (high < 0 || low < 0)
        {
            return false;
        }

        decoded = (high << 4) | low;
        return true;
    }

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
