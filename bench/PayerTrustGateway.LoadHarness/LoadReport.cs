using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace PayerTrustGateway.LoadHarness;

/// <summary>Result of one <c>load</c> run; only requests started in the measured phase are counted.</summary>
/// <param name="Label">Name of the run (the target).</param>
/// <param name="Url">Requested URL.</param>
/// <param name="Connections">Concurrent connections.</param>
/// <param name="WarmupSeconds">Discarded warm-up phase.</param>
/// <param name="DurationSeconds">Configured measured phase.</param>
/// <param name="ElapsedSeconds">From the start of the measured phase to the last measured response.</param>
/// <param name="TotalRequests">Measured responses (every status code).</param>
/// <param name="Rps">TotalRequests / ElapsedSeconds.</param>
/// <param name="P50Ms">Nearest-rank median latency.</param>
/// <param name="P90Ms">Nearest-rank 90th percentile latency.</param>
/// <param name="P99Ms">Nearest-rank 99th percentile latency.</param>
/// <param name="MaxMs">Largest latency.</param>
/// <param name="MeanMs">Arithmetic mean latency.</param>
/// <param name="Errors">Measured responses outside 2xx.</param>
/// <param name="TransportErrors">Measured requests lost to socket errors, truncated or malformed responses.</param>
/// <param name="Reconnects">Connections re-established in the measured phase.</param>
/// <param name="Abandoned">Workers cut off by cancellation (hard time limit or a signal) mid-request or mid-connect.</param>
/// <param name="FailedConnections">Workers whose first handshake failed and that therefore sent nothing.</param>
/// <param name="BodyBytes">Body bytes of measured responses (after removing chunked framing).</param>
/// <param name="StatusCodes">Measured responses per status code.</param>
/// <param name="FirstError">First connection or transport failure seen, if any.</param>
internal sealed record LoadReport(
    string Label,
    string Url,
    int Connections,
    int WarmupSeconds,
    int DurationSeconds,
    double ElapsedSeconds,
    long TotalRequests,
    double Rps,
    double P50Ms,
    double P90Ms,
    double P99Ms,
    double MaxMs,
    double MeanMs,
    long Errors,
    long TransportErrors,
    long Reconnects,
    long Abandoned,
    int FailedConnections,
    long BodyBytes,
    ImmutableSortedDictionary<int, long> StatusCodes,
    string? FirstError)
{
    /// <summary>One line for a person reading the console.</summary>
    public string ToHumanLine()
    {
        var statuses = new StringBuilder();
        foreach (var (code, count) in StatusCodes)
        {
            statuses.Append(CultureInfo.InvariantCulture, $"{(statuses.Length == 0 ? string.Empty : " ")}{code}={count}");
        }

        return string.Create(
            CultureInfo.InvariantCulture,
            $"[{Label}] {TotalRequests} requests in {ElapsedSeconds:F2} s over {Connections} connections: " +
            $"{Rps:F1} rps; latency ms p50 {P50Ms:F3} p90 {P90Ms:F3} p99 {P99Ms:F3} max {MaxMs:F3} mean {MeanMs:F3}; " +
            $"errors (non-2xx) {Errors}, transport errors {TransportErrors}, reconnects {Reconnects}, " +
            $"abandoned {Abandoned}, failed connections {FailedConnections}; status {{{statuses}}}");
    }
}
