using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Forwarding;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Hosting;

/// <summary>Registers the gateway's options (validated at start and on reload), registries and stages.</summary>
internal static class GatewayServiceRegistration
{
    public static IServiceCollection AddTrustGateway(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddValidatedOptions<ListenersOptions, ListenersOptionsValidator>(ListenersOptions.SectionName);
        services.AddValidatedOptions<ObservabilityOptions, ObservabilityOptionsValidator>(ObservabilityOptions.SectionName);
        services.AddValidatedOptions<RequestHygieneOptions, RequestHygieneOptionsValidator>(RequestHygieneOptions.SectionName);
        services.AddValidatedOptions<ForwardingOptions, ForwardingOptionsValidator>(ForwardingOptions.SectionName);
        services.AddValidatedOptions<PartnersOptions, PartnersOptionsValidator>(PartnersOptions.SectionName);
        services.AddValidatedOptions<PoliciesOptions, PoliciesOptionsValidator>(PoliciesOptions.SectionName);

        services.AddSingleton(typeof(LastGoodOptions<>));
        services.AddSingleton<DenialResponseWriter>();
        services.AddSingleton<PartnerRegistry>();
        services.AddSingleton<PolicyRegistry>();
        services.AddSingleton<ListenerEndpoints>();
        services.AddHostedService<InitialSnapshotService>();

        services.AddAuthentication(PartnerCertificateAuthenticationOptions.Scheme)
            .AddScheme<PartnerCertificateAuthenticationOptions, PartnerCertificateAuthenticationHandler>(PartnerCertificateAuthenticationOptions.Scheme, null);

        // Default deny: every endpoint without an explicit rule (all proxied routes) needs an
        // authenticated partner workload; admin endpoints opt out and are fenced by listener instead.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(PartnerCertificateAuthenticationOptions.Scheme)
                .RequireAuthenticatedUser()
                .Build());

        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddTransforms<DownstreamIdentityTransformProvider>();

        services.AddHealthChecks().AddCheck<GatewayReadinessCheck>("configuration", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
