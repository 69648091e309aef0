using System.Net;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The README's first command: dev PKI, admin tokens, the sample FHIR backend, the gateway in front of
/// it, and ready-to-paste curl calls. Real TLS, real certificates, real HTTP, loopback only.
/// </summary>
internal static class SandboxRunner
{
    public static async Task<int> RunAsync(string directory, SandboxPorts ports, bool pkiOnly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var time = TimeProvider.System;
        var pki = SandboxPki.Ensure(Path.Combine(directory, "pki"), time, out var generated);
        Console.WriteLine(generated ? $"Generated a dev PKI in {pki.Directory}" : $"Reusing the dev PKI in {pki.Directory}");
        var admin = SandboxAdminAccess.Generate(directory, time);
        Console.WriteLine($"Wrote admin tokens, one per role (valid {SandboxAdminAccess.TokenLifetime.TotalHours:0} hours), to {admin.Directory}");
        var configFile = SandboxConfiguration.EnsureFile(directory, pki, admin, ports, out var written);
        Console.WriteLine(written ? $"Wrote the sandbox configuration to {configFile}" : $"Using your sandbox configuration in {configFile}");
        if (pkiOnly)
        {
            return 0;
        }

        await using var app = GatewayApplication.Build(configFile);
        await app.StartAsync(cancellationToken);
        var endpoints = app.Services.GetRequiredService<ListenerEndpoints>();

        // The sample backend trusts only the gateway's downstream tokens, verified against its JWKS on the admin listener.
        var tokenCheck = new SampleTokenCheck(
            new Uri($"http://127.0.0.1:{endpoints.Admin.Port}{Exchange.TokenServiceEndpointRouteBuilderExtensions.JwksPath}"),
            app.Services.GetRequiredService<Exchange.DownstreamTokenService>().MintIssuer(),
            SandboxConfiguration.BackendAudience);
        await using var backend = await SampleFhirBackend.StartAsync(IPAddress.Loopback, ports.Backend, cancellationToken, tokenCheck);
        Console.WriteLine($"Sample FHIR backend on {backend.BaseAddress} (members: {string.Join(", ", backend.Data.MemberIds)}); it accepts only the gateway's downstream tokens");
        var consents = await SandboxConsents.SeedAsync(app.Services, backend.Data.MemberIds.Take(2), cancellationToken);
        Console.WriteLine($"Seeded consents for Plan A: {string.Join(", ", consents.Keys)} (none for {backend.Data.MemberIds[2]})");
        Console.WriteLine(SandboxGuide.Describe(pki, admin, endpoints.Partner.Port, endpoints.Admin.Port, backend.BaseAddress, backend.Data.MemberIds, consents));
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }
}
