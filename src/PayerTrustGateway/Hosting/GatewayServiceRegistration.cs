using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Consent;
using PayerTrustGateway.Storage;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Tokens;
using Yarp.ReverseProxy.Configuration;
using PayerTrustGateway.Forwarding;
using PayerTrustGateway.Governance;
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
        services.AddValidatedOptions<TokensOptions, TokensOptionsValidator>(TokensOptions.SectionName);
        services.AddValidatedOptions<IssuersOptions, IssuersOptionsValidator>(IssuersOptions.SectionName);
        services.AddValidatedOptions<TokenServiceOptions, TokenServiceOptionsValidator>(TokenServiceOptions.SectionName);
        services.AddValidatedOptions<SigningKeysOptions, SigningKeysOptionsValidator>(SigningKeysOptions.SectionName);
        services.AddValidatedOptions<TokenExchangeOptions, TokenExchangeOptionsValidator>(TokenExchangeOptions.SectionName);
        services.AddValidatedOptions<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        services.AddValidatedOptions<ConsentOptions, ConsentOptionsValidator>(ConsentOptions.SectionName);
        services.AddValidatedOptions<AuditOptions, AuditOptionsValidator>(AuditOptions.SectionName);
        services.AddValidatedOptions<GovernanceOptions, GovernanceOptionsValidator>(GovernanceOptions.SectionName);
        services.AddValidatedOptions<AdminAccessOptions, AdminAccessOptionsValidator>(AdminAccessOptions.SectionName);

        services.AddSingleton(typeof(LastGoodOptions<>));
        services.AddSingleton<DenialResponseWriter>();
        services.TryAddSingleton<IGovernanceStore, SqliteGovernanceStore>();
        services.AddSingleton<GovernanceRegistry>();
        services.AddSingleton<PartnerRegistry>();
        AddOcsp(services);
        services.AddSingleton<GovernanceMetrics>();
        services.AddSingleton<EstateStewardship>();
        services.AddSingleton<CertificateRotation>();
        services.AddSingleton<PostureFeed>();
        services.AddSingleton<AccessGrants>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<PolicyRegistry>();
        services.AddSingleton<WorkloadRateLimiter>();
        services.AddSingleton<PolicyMetrics>();
        services.AddSingleton<ListenerEndpoints>();
        services.AddTokenServices();
        services.TryAddSingleton<IConsentStore, SqliteConsentStore>();
        AddAuditTrail(services);
        services.AddSingleton<ConsentRegistry>();
        services.AddSingleton<ConsentMetrics>();
        services.AddSingleton<HrexConsentReader>();
        services.AddHostedService<InitialSnapshotService>();

        services.AddAuthentication(PartnerCertificateAuthenticationOptions.Scheme)
            .AddScheme<PartnerCertificateAuthenticationOptions, PartnerCertificateAuthenticationHandler>(PartnerCertificateAuthenticationOptions.Scheme, null)
            .AddScheme<PartnerTokenAuthenticationOptions, PartnerTokenAuthenticationHandler>(PartnerTokenAuthenticationOptions.Scheme, null)
            .AddAdminToken();

        // Default deny: every endpoint without an explicit rule (all proxied routes) needs both an
        // authenticated partner workload (certificate) and a valid access token of that same workload.
        // Admin endpoints name their own rule (an admin token with a role, RequireAdminRoles) and are fenced
        // by listener as well; health probes and discovery opt out explicitly.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(PartnerCertificateAuthenticationOptions.Scheme, PartnerTokenAuthenticationOptions.Scheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => IsAuthenticatedBy(context.User, PartnerCertificateAuthenticationOptions.Scheme)
                    && IsAuthenticatedBy(context.User, PartnerTokenAuthenticationOptions.Scheme))
                .Build())
            .AddPolicy(TokenServiceEndpointRouteBuilderExtensions.CertificateOnlyPolicy, policy => policy
                .AddAuthenticationSchemes(PartnerCertificateAuthenticationOptions.Scheme)
                .RequireAuthenticatedUser());

        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddTransforms<DownstreamIdentityTransformProvider>()
            .AddTransforms<ConsentTransformProvider>();
        GateRouteConfiguration(services);

        services.AddHealthChecks().AddCheck<GatewayReadinessCheck>("configuration", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    // Routes reach YARP only through GatedProxyConfigProvider, so routes and policies change together.
    private static void GateRouteConfiguration(IServiceCollection services)
    {
        var yarp = services.Last(descriptor => descriptor.ServiceType == typeof(IProxyConfigProvider));
        services.Remove(yarp);
        services.AddSingleton(sp => new GatedProxyConfigProvider(
            yarp.ImplementationFactory?.Invoke(sp) as IProxyConfigProvider
                ?? (IProxyConfigProvider)ActivatorUtilities.CreateInstance(sp, yarp.ImplementationType!),
            sp,
            sp.GetRequiredService<ILogger<GatedProxyConfigProvider>>()));
        services.AddSingleton<IProxyConfigProvider>(sp => sp.GetRequiredService<GatedProxyConfigProvider>());
    }

    private static bool IsAuthenticatedBy(System.Security.Claims.ClaimsPrincipal user, string scheme) =>
        user.Identities.Any(identity => identity.IsAuthenticated && string.Equals(identity.AuthenticationType, scheme, StringComparison.Ordinal));

    private static void AddTokenServices(this IServiceCollection services)
    {
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IssuerRegistry>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddSingleton<DpopNonces>();
        services.AddSingleton<DpopProofValidator>();
        services.AddSingleton<IReplayCache, InMemoryReplayCache>();
        services.AddSingleton<ClientAssertionValidator>();
        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<TokenEndpoint>();
        services.AddSingleton<DownstreamTokenMinter>();
        services.AddSingleton<DownstreamTokenCache>();
        services.AddSingleton<ExternalTokenExchangeClient>();
        services.AddSingleton<DownstreamTokenService>();
        services.AddSingleton<ExchangeMetrics>();
        AddTokenExchangeClient(services);

        // JWKS fetches: no redirects, no cookies (an issuer's keys come from exactly the configured URL).
        services.AddHttpClient(IssuerRegistry.JwksClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
    }

    // OCSP for partners that enable it. The responder is the configured URL or the AIA URL of a certificate the
    // partner's CA signed: POST exactly there (no redirects, cookies or proxy), with a hard ceiling on the
    // real clock above the largest per-partner timeout (which runs on the injected clock).
    private static void AddOcsp(IServiceCollection services)
    {
        services.AddSingleton<OcspClient>();
        services.AddSingleton<OcspMetrics>();
        services.AddSingleton<OcspEnforcement>();
        services.AddHttpClient(OcspClient.HttpClientName, client =>
            {
                client.Timeout = OcspOptions.MaxTimeout + TimeSpan.FromSeconds(1);
                client.MaxResponseContentBufferSize = OcspClient.MaxResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false });
    }

    // S6.1 b: the external token-exchange service, behind timeouts, retries of transient failures only,
    // and a circuit breaker (read at start). No redirects, cookies or proxies.
    private static void AddAuditTrail(IServiceCollection services)
    {
        services.TryAddSingleton<IAuditStore, SqliteAuditStore>();
        services.AddSingleton<AuditCheckpointSigner>();
        services.AddSingleton<AuditMetrics>();
        services.AddSingleton<AuditWriter>();
        services.AddSingleton<IAuditSink>(sp => sp.GetRequiredService<AuditWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        services.AddSingleton<AuditChainVerifier>();
        services.AddHostedService<ControlPlaneAuditor>();
    }

    private static void AddTokenExchangeClient(IServiceCollection services)
    {
        services.AddHttpClient(ExternalTokenExchangeClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, UseProxy = false })
            .AddResilienceHandler("token-exchange", (pipeline, context) =>
            {
                var external = context.ServiceProvider.GetRequiredService<LastGoodOptions<TokenExchangeOptions>>().Current.External;
                pipeline.AddTimeout(new Microsoft.Extensions.Http.Resilience.HttpTimeoutStrategyOptions { Timeout = external.TotalTimeout });
                if (external.MaxRetries > 0)
                {
                    pipeline.AddRetry(new Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = external.MaxRetries,
                        Delay = external.RetryDelay,
                        BackoffType = Polly.DelayBackoffType.Exponential,
                        UseJitter = true,
                        ShouldRetryAfterHeader = false,
                    });
                }

                pipeline.AddCircuitBreaker(new Microsoft.Extensions.Http.Resilience.HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = external.BreakerFailureRatio,
                    MinimumThroughput = external.BreakerMinimumThroughput,
                    SamplingDuration = external.BreakerSamplingDuration,
                    BreakDuration = external.BreakerBreakDuration,
                });
                pipeline.AddTimeout(new Microsoft.Extensions.Http.Resilience.HttpTimeoutStrategyOptions { Timeout = external.AttemptTimeout });
            });
    }

    private static void AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TOptions>, TValidator>();
    }
}
