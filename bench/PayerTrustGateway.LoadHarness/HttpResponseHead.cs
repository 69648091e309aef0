using System.Buffers.Text;
using System.Text;

namespace PayerTrustGateway.LoadHarness;

/// <summary>What the status line and header fields of a response say about framing (RFC 9112 §6.3).</summary>
/// <param name="StatusCode">Three-digit status code.</param>
/// <param name="ContentLength">Declared Content-Length, or -1 when absent.</param>
/// <param name="IsChunked">Transfer-Encoding ends with <c>chunked</c>.</param>
/// <param name="HasOtherTransferCoding">Transfer-Encoding is present but does not end with <c>chunked</c>.</param>
/// <param name="KeepAlive">The connection stays open after this response.</param>
internal readonly record struct HttpResponseHead(
    int StatusCode, long ContentLength, bool IsChunked, bool HasOtherTransferCoding, bool KeepAlive)
{
    /// <summary>RFC 9112 §6.3 rule 1: 1xx, 204 and 304 responses never carry a body (we only send GET).</summary>
    public bool HasNoBody => StatusCode is < 200 or 204 or 304;

    /// <summary>
    /// Parses the head without its terminating empty line. Returns false on anything that is not
    /// well-formed HTTP/1.x; never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> head, out HttpResponseHead parsed)
    {
        parsed = default;
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];

        // RFC 9112 §4: HTTP-version SP 3DIGIT SP [reason-phrase]
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' ' ||
            !TryParseStatusCode(statusLine.Slice(9, 3), out var statusCode) ||
            (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            return false;
        }

        // HTTP/1.0 closes by default; HTTP/1.1 persists by default (RFC 9112 §9.3).
        var persistentByDefault = statusLine[7] != (byte)'0';
        long contentLength = -1;
        bool chunked = false, otherCoding = false, close = false, keepAliveToken = false;
        var fields = lineEnd < 0 ? ReadOnlySpan<byte>.Empty : head[(lineEnd + 2)..];
        while (!fields.IsEmpty)
        {
            var end = fields.IndexOf("\r\n"u8);
            var line = end < 0 ? fields : fields[..end];
            fields = end < 0 ? ReadOnlySpan<byte>.Empty : fields[(end + 2)..];

            // RFC 9112 §5.1: field-name ":" OWS field-value OWS; no whitespace before the colon.
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t' || line[colon - 1] is (byte)' ' or (byte)'\t')
            {
                return false;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                // RFC 9112 §6.3 rule 5: an invalid or conflicting Content-Length is unrecoverable.
                if (!Utf8Parser.TryParse(value, out long length, out var consumed) || consumed != value.Length ||
                    length < 0 || (contentLength >= 0 && contentLength != length))
                {
                    return false;
                }

                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = EndsWithToken(value, "chunked"u8);
                otherCoding = !chunked;
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                close |= ContainsToken(value, "close"u8);
                keepAliveToken |= ContainsToken(value, "keep-alive"u8);
            }
        }

        var keepAlive = !close && (persistentByDefault || keepAliveToken);
        parsed = new HttpResponseHead(statusCode, contentLength, chunked, otherCoding, keepAlive);
        return true;
    }

    private static bool TryParseStatusCode(ReadOnlySpan<byte> digits, out int statusCode)
    {
        statusCode = 0;
        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            statusCode = (statusCode * 10) + (digit - '0');
        }

        return statusCode >= 100;
    }

    private static bool EndsWithToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        var comma = list.LastIndexOf((byte)',');
        var last = comma < 0 ? list : list[(comma + 1)..];
        return Ascii.EqualsIgnoreCase(last.Trim(" \t"u8), token);
    }

    private static bool ContainsToken(ReadOnlySpan<byte> list, ReadOnlySpan<byte> token)
    {
        while (!list.IsEmpty)
        {
            var comma = list.IndexOf((byte)',');
            var item = comma < 0 ? list : list[..comma];
            if (Ascii.EqualsIgnoreCase(item.Trim(" \t"u8), token))
            {
                return true;
            }

            list = comma < 0 ? ReadOnlySpan<byte>.Empty : list[(comma + 1)..];
        }

        return false;
    }
}
