using Microsoft.Extensions.Primitives;
using PayerTrustGateway.Hosting;
using Yarp.ReverseProxy.Configuration;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Stands between YARP's configuration provider and YARP: a new route configuration is handed to YARP
/// only when every route names an enforced policy of the policy snapshot in force and every cluster names
/// the audience of its downstream tokens. Routes and policies
/// come from the same configuration reload and are re-checked whenever either changes, so a valid change
/// to both lands together, and an invalid policy change holds the new routes back too (not at all).
/// </summary>
internal sealed class GatedProxyConfigProvider : IProxyConfigProvider, IDisposable
{
    private readonly IProxyConfigProvider _inner;
    private readonly IServiceProvider _services;
    private readonly ILogger<GatedProxyConfigProvider> _logger;
    private readonly Lock _lock = new();
    private readonly List<IDisposable> _subscriptions = [];
    private Published? _published;
    private IProxyConfig? _heldBack;

    public GatedProxyConfigProvider(IProxyConfigProvider inner, IServiceProvider services, ILogger<GatedProxyConfigProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(logger);
        _inner = inner;
        _services = services;
        _logger = logger;
    }

    /// <summary>Raised after a new route configuration was handed to YARP.</summary>
    public event Action? RoutesPublished;

    /// <summary>The newest route configuration read from configuration, whether or not it is published yet (policies validate against it).</summary>
    public IProxyConfig Candidate => _inner.GetConfig();

    public IProxyConfig GetConfig()
    {
        lock (_lock)
        {
            if (_published is null)
            {
                // Start-up: PoliciesOptionsValidator has checked these routes against the policies.
                _published = new Published(_inner.GetConfig());
                _subscriptions.Add(ChangeToken.OnChange(() => _inner.GetConfig().ChangeToken, Recompute));
                _subscriptions.Add(_services.GetRequiredService<LastGoodOptions<PoliciesOptions>>().OnChange(_ => Recompute()));
            }

            return _published;
        }
    }

    public void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    private void Recompute()
    {
        Published? previous;
        lock (_lock)
        {
            var candidate = _inner.GetConfig();
            previous = _published;
            if (previous is null || ReferenceEquals(previous.Source, candidate))
            {
                return;
            }

            var policies = _services.GetRequiredService<LastGoodOptions<PoliciesOptions>>().Current;
            var missing = candidate.Routes.FirstOrDefault(route => !NamesEnforcedPolicy(route, policies))?.RouteId
                ?? candidate.Clusters.FirstOrDefault(cluster => Exchange.DownstreamAudience.Of(cluster) is null)?.ClusterId;
            if (missing is not null)
            {
                if (!ReferenceEquals(_heldBack, candidate))
                {
                    _heldBack = candidate;
                    _logger.RoutesHeldBack(missing);
                }

                return;
            }

            _published = new Published(candidate);
            _heldBack = null;
        }

        previous.Expire();
        RoutesPublished?.Invoke();
    }

    private static bool NamesEnforcedPolicy(RouteConfig route, PoliciesOptions policies) =>
        route.Metadata?.TryGetValue(PoliciesOptions.RouteMetadataKey, out var name) == true
        && name is not null
        && policies.Policies.TryGetValue(name, out var policy)
        && policy.Mode == PolicyMode.Enforce;

    /// <summary>A route configuration as handed to YARP, with its own change token.</summary>
    private sealed class Published : IProxyConfig
    {
        private readonly CancellationTokenSource _expired = new();

        public Published(IProxyConfig source)
        {
            Source = source;
            ChangeToken = new CancellationChangeToken(_expired.Token);
        }

        public IProxyConfig Source { get; }

        public IReadOnlyList<RouteConfig> Routes => Source.Routes;

        public IReadOnlyList<ClusterConfig> Clusters => Source.Clusters;

        public IChangeToken ChangeToken { get; }

        public void Expire() => _expired.Cancel();
    }
}
