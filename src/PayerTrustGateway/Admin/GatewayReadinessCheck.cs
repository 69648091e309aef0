using Microsoft.Extensions.Diagnostics.HealthChecks;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Policy;
using Yarp.ReverseProxy.Configuration;

namespace PayerTrustGateway.Admin;

/// <summary>
/// Ready when the configuration is loaded and usable: partners and policies are present, every route
/// resolves its trust policy, and every configured CRL is current.
/// </summary>
internal sealed class GatewayReadinessCheck : IHealthCheck
{
    private readonly PartnerRegistry _partners;
    private readonly PolicyRegistry _policies;
    private readonly IEnumerable<IProxyConfigProvider> _proxyConfig;
    private readonly TimeProvider _time;

    public GatewayReadinessCheck(PartnerRegistry partners, PolicyRegistry policies, IEnumerable<IProxyConfigProvider> proxyConfig, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(proxyConfig);
        ArgumentNullException.ThrowIfNull(time);
        _partners = partners;
        _policies = policies;
        _proxyConfig = proxyConfig;
        _time = time;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var problems = new List<string>();
        var policies = _policies.Current;
        var routes = 0;
        foreach (var provider in _proxyConfig)
        {
            foreach (var route in provider.GetConfig().Routes)
            {
                routes++;
                if (route.Metadata?.TryGetValue(PoliciesOptions.RouteMetadataKey, out var name) != true || name is null || !policies.Contains(name))
                {
                    problems.Add($"route {route.RouteId} has no resolvable trust policy");
                }
            }
        }

        var now = _time.GetUtcNow();
        var directory = _partners.Current;
        foreach (var partner in directory.Partners)
        {
            foreach (var list in partner.RevocationLists)
            {
                if (now > list.NextUpdate)
                {
                    problems.Add($"partner {partner.Id}: CRL {Path.GetFileName(list.Path)} is past its nextUpdate");
                }
            }
        }

        var data = new Dictionary<string, object>
        {
            ["partners"] = directory.Partners.Length,
            ["policies"] = policies.Count,
            ["routes"] = routes,
        };

        return Task.FromResult(problems.Count == 0
            ? HealthCheckResult.Healthy("Configuration loaded.", data)
            : HealthCheckResult.Unhealthy(string.Join("; ", problems), data: data));
    }
}
