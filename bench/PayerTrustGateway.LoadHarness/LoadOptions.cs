using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace PayerTrustGateway.LoadHarness;

/// <summary>Settings of the <c>load</c> subcommand.</summary>
/// <param name="Url">Loopback https URL requested with GET on every connection.</param>
/// <param name="ClientCertPath">PEM client certificate presented in the TLS handshake (leaf first, then intermediates).</param>
/// <param name="ClientKeyPath">PEM private key of the client certificate.</param>
/// <param name="CaPath">PEM file of the root certificate(s) the server certificate must chain to.</param>
/// <param name="Connections">Concurrent keep-alive connections, each with one request in flight.</param>
/// <param name="WarmupSeconds">Seconds of load whose results are discarded.</param>
/// <param name="DurationSeconds">Seconds of measured load after the warm-up.</param>
/// <param name="Label">Name of this run in the report.</param>
/// <param name="JsonOutPath">Optional file that receives the report as JSON.</param>
/// <param name="Headers">Extra request header lines ("Name: value"), sent unchanged on every request.</param>
internal sealed record LoadOptions(
    Uri Url,
    string ClientCertPath,
    string ClientKeyPath,
    string CaPath,
    int Connections,
    int WarmupSeconds,
    int DurationSeconds,
    string Label,
    string? JsonOutPath,
    ImmutableArray<string> Headers)
{
    public const string Usage =
        "load --url https://127.0.0.1:P/fhir/Patient/member-1001 --client-cert cert.pem --client-key key.pem " +
        "--ca ca.pem --connections N --warmup-seconds W --duration-seconds D [--label name] [--json-out file] " +
        "[--header \"Name: value\"]...";

    private static readonly FrozenSet<string> SingleOptions = FrozenSet.Create(
        StringComparer.Ordinal,
        "url", "client-cert", "client-key", "ca", "connections", "warmup-seconds", "duration-seconds", "label", "json-out");

    private static readonly FrozenSet<string> RepeatableOptions = FrozenSet.Create(StringComparer.Ordinal, "header");

    public static bool TryCreate(
        ReadOnlySpan<string> args, [NotNullWhen(true)] out LoadOptions? options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        options = null;
        var errorCount = errors.Count;
        // Keep validating after a syntax error so every problem is reported in one go.
        _ = CommandArguments.TryParse(args, SingleOptions, RepeatableOptions, out var arguments, errors);

        var urlText = arguments.RequireString("url", errors);
        Uri? url = null;
        if (urlText.Length > 0 && !LoopbackAddress.TryParseUrl(urlText, Uri.UriSchemeHttps, out url))
        {
            errors.Add($"Option '--url': '{urlText}' must be an https URL on a loopback address.");
        }

        var clientCert = arguments.RequireFile("client-cert", errors);
        var clientKey = arguments.RequireFile("client-key", errors);
        var ca = arguments.RequireFile("ca", errors);
        var connections = arguments.GetInt32("connections", fallback: null, min: 1, max: 4096, errors);
        var warmup = arguments.GetInt32("warmup-seconds", fallback: null, min: 0, max: 3600, errors);
        var duration = arguments.GetInt32("duration-seconds", fallback: null, min: 1, max: 3600, errors);
        var label = arguments.GetString("label") ?? "load";
        var headers = arguments.GetAll("header");
        foreach (var header in headers)
        {
            if (!IsValidHeaderLine(header))
            {
                errors.Add($"Option '--header': '{header}' must be 'Name: value' in printable ASCII without CR/LF.");
            }
        }

        if (errors.Count != errorCount || url is null)
        {
            return false;
        }

        options = new LoadOptions(
            url, clientCert, clientKey, ca, connections, warmup, duration, label,
            arguments.GetString("json-out"), [.. headers]);
        return true;
    }

    private static bool IsValidHeaderLine(string header)
    {
        // RFC 9110 §5.1: a field name is a token with no whitespace before the colon.
        var colon = header.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || header.AsSpan(0, colon).ContainsAny(' ', '\t'))
        {
            return false;
        }

        foreach (var c in header)
        {
            if (c is < ' ' or > '~' && c != '\t')
            {
                return false;
            }
        }

        return true;
    }
}
