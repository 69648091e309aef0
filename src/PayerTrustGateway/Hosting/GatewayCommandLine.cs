using System.CommandLine;
using PayerTrustGateway.Sandbox;

namespace PayerTrustGateway.Hosting;

/// <summary>The operator commands: <c>serve</c> (default), <c>sandbox</c>, <c>sample-backend</c>.</summary>
internal static class GatewayCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("PayerTrustGateway: the mTLS trust gateway in front of a payer's FHIR APIs.");
        var serve = CreateServe();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(CreateSandbox());
        root.Subcommands.Add(CreateSampleBackend());
        root.Subcommands.Add(PolicyCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.SetAction((_, cancellationToken) => ServeAsync(null, cancellationToken));
        return root;
    }

    private static Command CreateServe()
    {
        var config = new Option<FileInfo?>("--config") { Description = "An extra JSON configuration file, layered over appsettings.json and reloaded on change." };
        var command = new Command("serve", "Run the gateway from configuration (appsettings.json, --config, TrustGateway__* environment variables).") { config };
        command.SetAction((result, cancellationToken) => ServeAsync(result.GetValue(config)?.FullName, cancellationToken));
        return command;
    }

    private static Command CreateSandbox()
    {
        var directory = new Option<DirectoryInfo>("--dir") { Description = "Where the dev PKI and the sandbox configuration live (git-ignored).", DefaultValueFactory = _ => new DirectoryInfo(".sandbox") };
        var partnerPort = new Option<int>("--partner-port") { Description = "Partner listener port (mTLS).", DefaultValueFactory = _ => 8443 };
        var adminPort = new Option<int>("--admin-port") { Description = "Admin listener port (loopback).", DefaultValueFactory = _ => 8081 };
        var backendPort = new Option<int>("--backend-port") { Description = "Sample FHIR backend port (loopback).", DefaultValueFactory = _ => 8090 };
        var pkiOnly = new Option<bool>("--pki-only") { Description = "Generate the PKI and configuration, then exit." };
        var command = new Command("sandbox", "Generate a dev PKI, start a sample FHIR backend and the gateway in front of it, and print example calls.")
        {
            directory, partnerPort, adminPort, backendPort, pkiOnly,
        };
        command.SetAction((result, cancellationToken) => SandboxRunner.RunAsync(
            result.GetRequiredValue(directory).FullName,
            new SandboxPorts(result.GetValue(partnerPort), result.GetValue(adminPort), result.GetValue(backendPort)),
            result.GetValue(pkiOnly),
            cancellationToken));
        return command;
    }

    private static Command CreateSampleBackend()
    {
        var port = new Option<int>("--port") { Description = "Loopback port.", DefaultValueFactory = _ => 8090 };
        var command = new Command("sample-backend", "Run only the sample FHIR backend (plain HTTP on loopback), e.g. for the load harness.") { port };
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var backend = await SampleFhirBackend.StartAsync(System.Net.IPAddress.Loopback, result.GetValue(port), cancellationToken);
            Console.WriteLine($"Sample FHIR backend on {backend.BaseAddress}");
            try
            {
                // Serve until Ctrl+C / SIGTERM cancels the command.
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> ServeAsync(string? configFile, CancellationToken cancellationToken)
    {
        await using var app = GatewayApplication.Build(configFile);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
