using System.Diagnostics;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// The gateway as a child process (<c>dotnet PayerTrustGateway.dll ...</c>), for what only a separate
/// process can show: being killed with SIGKILL, and the operator commands with their exit codes.
/// </summary>
internal sealed class GatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private GatewayProcess(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(typeof(GatewayApplication).Assembly.Location);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, line) => Observe(line.Data);
        _process.ErrorDataReceived += (_, line) => Observe(line.Data);
        _process.Exited += (_, _) => _exited.TrySetResult(_process.ExitCode);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Everything the process wrote so far (stdout and stderr interleaved).</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts <c>serve --config</c> and completes once both listeners are bound (from the gateway's own log line).</summary>
    public static async Task<GatewayProcess> ServeAsync(string configFile, TimeSpan patience, IReadOnlyDictionary<string, string>? environment = null)
    {
        var gateway = new GatewayProcess(["serve", "--config", configFile], environment);
        var first = await Task.WhenAny(gateway._listening.Task, gateway._exited.Task).WaitAsync(patience);
        if (first != gateway._listening.Task)
        {
            throw new InvalidOperationException("The gateway exited before listening:" + Environment.NewLine + gateway.Output);
        }

        return gateway;
    }

    /// <summary>Runs a command to completion; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(TimeSpan patience, params string[] arguments)
    {
        using var command = new GatewayProcess(arguments);
        var exitCode = await command._exited.Task.WaitAsync(patience);
        command._process.WaitForExit(); // drains the redirected streams (the process has exited)
        return (exitCode, command.Output);
    }

    /// <summary>SIGKILL: no shutdown handler, no flush, no goodbye.</summary>
    public async Task KillAsync(TimeSpan patience)
    {
        _process.Kill(entireProcessTree: true);
        await _exited.Task.WaitAsync(patience);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        if (line.Contains("Partner listener on", StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
