using System.Text;

namespace PayerTrustGateway.LoadHarness;

/// <summary>Encodes the one GET request every connection sends, once, before the load starts.</summary>
internal static class HttpRequestTemplate
{
    public static byte[] Build(Uri url, IEnumerable<string> extraHeaderLines)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(extraHeaderLines);

        // RFC 9112 §3.2: origin-form target plus a Host field carrying the authority (port included when not default).
        var request = new StringBuilder()
            .Append("GET ").Append(url.PathAndQuery).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(url.Authority).Append("\r\n")
            .Append("User-Agent: PayerTrustGateway.LoadHarness\r\n")
            .Append("Accept: */*\r\n")
            .Append("Connection: keep-alive\r\n");
        foreach (var line in extraHeaderLines)
        {
            request.Append(line).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(request.Append("\r\n").ToString());
    }
}
