using PayerTrustGateway.Forwarding;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// Captures the request-path state from the configuration as it is at start, not lazily at the first
/// request (which could come after an invalid reload and would then have nothing good to keep).
/// Runs after start-up validation has reported every problem at once, and before the server listens.
/// </summary>
internal sealed class InitialSnapshotService : IHostedService
{
    private readonly IServiceProvider _services;

    public InitialSnapshotService(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _services.GetRequiredService<LastGoodOptions<RequestHygieneOptions>>().Current;
        _ = _services.GetRequiredService<LastGoodOptions<ForwardingOptions>>().Current;
        _ = _services.GetRequiredService<PartnerRegistry>().Current;
        _ = _services.GetRequiredService<PolicyRegistry>().Current;
        _ = _services.GetRequiredService<LastGoodOptions<TokensOptions>>().Current;
        _services.GetRequiredService<IssuerRegistry>().EnsureBuilt();
        _ = _services.GetRequiredService<LastGoodOptions<Exchange.TokenExchangeOptions>>().Current;
        _services.GetRequiredService<Exchange.SigningKeyRing>().EnsureLoaded();
        _ = _services.GetRequiredService<LastGoodOptions<Admin.AdminAccessOptions>>().Current;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
