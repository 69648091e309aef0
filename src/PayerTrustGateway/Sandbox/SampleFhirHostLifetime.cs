namespace PayerTrustGateway.Sandbox;

/// <summary>
/// A host lifetime that does nothing. The default console lifetime would register its own Ctrl+C / SIGTERM
/// handlers and cancel the process's default termination, so a test run or load harness that embeds the sample
/// backend would no longer exit on SIGTERM. The embedding process owns signals; it stops us via DisposeAsync.
/// </summary>
internal sealed class SampleFhirHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
