namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>One PKI and one running gateway shared by a test class; tests isolate via <see cref="FakeBackend.CaseHeader"/>.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    private GatewayTestHost? _host;

    public TestPki Pki { get; } = new();

    public GatewayTestHost Host => _host ?? throw new InvalidOperationException("Fixture not started.");

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync(Pki);

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Pki.Dispose();
    }
}
