using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// The harness only ever talks to this machine: load and proxy targets must be loopback addresses.
/// </summary>
internal static class LoopbackAddress
{
    public static bool TryParseUrl(string text, string scheme, [NotNullWhen(true)] out Uri? url)
    {
        url = null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) ||
            !string.Equals(parsed.Scheme, scheme, StringComparison.Ordinal) ||
            !IsLoopbackHost(parsed.Host))
        {
            return false;
        }

        url = parsed;
        return true;
    }

    private static bool IsLoopbackHost(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
