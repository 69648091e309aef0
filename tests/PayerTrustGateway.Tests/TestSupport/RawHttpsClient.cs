using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// Sends a request exactly as written (HttpClient and Uri would normalise dot segments and escapes)
/// over mutual TLS, and reads the whole response (Connection: close).
/// </summary>
public static class RawHttpsClient
{
    public static async Task<RawResponse> SendAsync(int port, X509Certificate2 clientCertificate, X509Certificate2 gatewayCa, string requestHead)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(System.Net.IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            EnabledSslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
            ClientCertificates = [clientCertificate],
            LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate,
            RemoteCertificateValidationCallback = (_, certificate, _, _) => ServerCertificateValidator.IsTrusted(certificate, gatewayCa),
        });

        await tls.WriteAsync(Encoding.Latin1.GetBytes(requestHead));
        await tls.FlushAsync();
        using var buffer = new MemoryStream();
        try
        {
            await tls.CopyToAsync(buffer);
        }
        catch (IOException)
        {
            // The server may reset after answering a malformed request; keep what arrived.
        }

        return RawResponse.Parse(Encoding.Latin1.GetString(buffer.ToArray()));
    }
}

/// <summary>A parsed raw HTTP/1.1 response.</summary>
public sealed record RawResponse(int StatusCode, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static RawResponse Parse(string text)
    {
        var headEnd = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (headEnd < 0)
        {
            return new RawResponse(0, new Dictionary<string, string>(), text);
        }

        var lines = text[..headEnd].Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        return new RawResponse(status, headers, text[(headEnd + 4)..]);
    }
}
