namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>One PKI and one running <see cref="ConsentTestHost"/> (system clock) shared by a test class.</summary>
public sealed class ConsentGatewayFixture : IAsyncLifetime
{
    private GatewayTestHost? _host;

    public TestPki Pki { get; } = new();

    public GatewayTestHost Host => _host ?? throw new InvalidOperationException("Fixture not started.");

    public async Task InitializeAsync() => _host = await ConsentTestHost.StartAsync(Pki);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Pki.Dispose();
    }
}
