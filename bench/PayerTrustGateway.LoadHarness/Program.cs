using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;

namespace PayerTrustGateway.LoadHarness;

/// <summary>
/// Entry point: <c>bare-yarp</c> runs the baseline proxy, <c>load</c> runs the mutual-TLS load generator.
/// Exit codes: 0 success, 1 run failed (no measured request, unreadable certificates), 2 usage error.
/// </summary>
internal static class Program
{
    private const int ExitOk = 0;
    private const int ExitFailed = 1;
    private const int ExitUsage = 2;

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await PrintUsageAsync(Console.Out);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        var errors = new List<string>();
        var rest = args.AsSpan(1);
        switch (args[0])
        {
            case "bare-yarp" when BareYarpOptions.TryCreate(rest, out var proxyOptions, errors):
                return await RunBareYarpAsync(proxyOptions);

            case "load" when LoadOptions.TryCreate(rest, out var loadOptions, errors):
                return await RunLoadAsync(loadOptions);

            case "bare-yarp" or "load":
                break;

            default:
                errors.Add($"Unknown command '{args[0]}'.");
                break;
        }

        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync(error);
        }

        await PrintUsageAsync(Console.Error);
        return ExitUsage;
    }

    private static async Task<int> RunBareYarpAsync(BareYarpOptions options)
    {
        try
        {
            // The web host handles SIGINT/SIGTERM itself and stops gracefully.
            await BareYarpProxy.RunAsync(options, CancellationToken.None);
            return ExitOk;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            // A key that does not match its certificate surfaces as ArgumentException.
            await Console.Error.WriteLineAsync($"Cannot load the server certificate: {ex.Message}");
            return ExitFailed;
        }
        catch (IOException ex)
        {
            // Kestrel reports an unusable listen address (port in use) this way.
            await Console.Error.WriteLineAsync($"Cannot listen on 127.0.0.1:{options.Port}: {ex.Message}");
            return ExitFailed;
        }
    }

    private static async Task<int> RunLoadAsync(LoadOptions options)
    {
        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Cancel(context, stop));
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Cancel(context, stop));

        LoadReport report;
        try
        {
            report = await new LoadRunner(options, TimeProvider.System).RunAsync(stop.Token);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            await Console.Error.WriteLineAsync($"Cannot load certificates: {ex.Message}");
            return ExitFailed;
        }
        catch (OperationCanceledException)
        {
            await Console.Error.WriteLineAsync("Load run cancelled before it started.");
            return ExitFailed;
        }

        await Console.Out.WriteLineAsync(report.ToHumanLine());
        if (report.FirstError is not null)
        {
            await Console.Error.WriteLineAsync($"[{report.Label}] first error: {report.FirstError}");
        }

        if (options.JsonOutPath is not null)
        {
            await using var file = File.Create(options.JsonOutPath);
            await JsonSerializer.SerializeAsync(file, report, LoadReportJsonContext.Default.LoadReport, stop.Token);
        }

        return report.TotalRequests > 0 ? ExitOk : ExitFailed;
    }

    private static void Cancel(PosixSignalContext context, CancellationTokenSource stop)
    {
        // Stop the workers early but still print and write the partial report.
        context.Cancel = true;
        stop.Cancel();
    }

    private static async Task PrintUsageAsync(TextWriter writer)
    {
        await writer.WriteLineAsync("Usage:");
        await writer.WriteLineAsync("  PayerTrustGateway.LoadHarness " + BareYarpOptions.Usage);
        await writer.WriteLineAsync("  PayerTrustGateway.LoadHarness " + LoadOptions.Usage);
    }
}
