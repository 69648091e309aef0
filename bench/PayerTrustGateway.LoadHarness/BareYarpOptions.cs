using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace PayerTrustGateway.LoadHarness;

/// <summary>Settings of the <c>bare-yarp</c> subcommand.</summary>
/// <param name="Port">Loopback TCP port of the HTTPS listener.</param>
/// <param name="ServerCertPath">PEM server certificate (leaf first).</param>
/// <param name="ServerKeyPath">PEM private key of the server certificate.</param>
/// <param name="Backend">Loopback base URL every request is forwarded to.</param>
internal sealed record BareYarpOptions(int Port, string ServerCertPath, string ServerKeyPath, Uri Backend)
{
    public const string Usage =
        "bare-yarp --port P --server-cert cert.pem --server-key key.pem --backend http://127.0.0.1:B";

    private static readonly FrozenSet<string> SingleOptions =
        FrozenSet.Create(StringComparer.Ordinal, "port", "server-cert", "server-key", "backend");

    public static bool TryCreate(
        ReadOnlySpan<string> args, [NotNullWhen(true)] out BareYarpOptions? options, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        options = null;
        var errorCount = errors.Count;
        // Keep validating after a syntax error so every problem is reported in one go.
        _ = CommandArguments.TryParse(args, SingleOptions, FrozenSet<string>.Empty, out var arguments, errors);

        var port = arguments.GetInt32("port", fallback: null, min: 1, max: 65535, errors);
        var certPath = arguments.RequireFile("server-cert", errors);
        var keyPath = arguments.RequireFile("server-key", errors);
        var backendText = arguments.RequireString("backend", errors);
        Uri? backend = null;
        if (backendText.Length > 0 &&
            !LoopbackAddress.TryParseUrl(backendText, Uri.UriSchemeHttp, out backend) &&
            !LoopbackAddress.TryParseUrl(backendText, Uri.UriSchemeHttps, out backend))
        {
            errors.Add($"Option '--backend': '{backendText}' must be an http(s) URL on a loopback address.");
        }

        if (errors.Count != errorCount || backend is null)
        {
            return false;
        }

        options = new BareYarpOptions(port, certPath, keyPath, backend);
        return true;
    }
}
