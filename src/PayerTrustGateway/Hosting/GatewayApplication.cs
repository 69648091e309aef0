using Microsoft.Extensions.FileProviders;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Consent;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Forwarding;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// Composes the gateway: services, listeners and the request pipeline, in the order the house plan
/// gives (hygiene → routing → listener fence → authentication → authorization → YARP with route
/// policy → forward). Used by <c>serve</c>, <c>sandbox</c> and the end-to-end tests alike.
/// </summary>
internal static class GatewayApplication
{
    /// <param name="configFile">An extra JSON configuration file (reloaded on change), or null.</param>
    /// <param name="customize">Last-word changes to the builder (tests add configuration or swap TimeProvider).</param>
    public static WebApplication Build(string? configFile, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
        });

        if (configFile is not null)
        {
            // Poll the one file (every few seconds) instead of watching its folder: a file-system watcher
            // covers the whole folder tree, and a data directory beside the configuration (the sandbox's, or
            // an operator's) would wake it on every audit commit.
            var path = Path.GetFullPath(configFile);
#pragma warning disable CA2000 // owned by ConfigurationFileProvider, which the container creates (below) and disposes
            var folder = new PhysicalFileProvider(Path.GetDirectoryName(path)!) { UsePollingFileWatcher = true, UseActivePolling = true }; // a full path has a folder
#pragma warning restore CA2000
            builder.Services.AddSingleton(_ => new ConfigurationFileProvider(folder));
            builder.Configuration.AddJsonFile(folder, Path.GetFileName(path), optional: false, reloadOnChange: true);
        }

        customize?.Invoke(builder);

        builder.AddGatewayObservability();
        builder.Services.AddTrustGateway(builder.Configuration);
        // Kestrel is built with the application, before start-up validation runs: read the raw values
        // here and let validation report every problem at start (listener changes need a restart).
        builder.WebHost.ConfigureKestrel(kestrel => KestrelListenerConfigurator.Configure(
            kestrel,
            builder.Configuration.GetSection(ListenersOptions.SectionName).Get<ListenersOptions>() ?? new ListenersOptions(),
            builder.Configuration.GetSection(RequestHygieneOptions.SectionName).Get<RequestHygieneOptions>() ?? new RequestHygieneOptions(),
            kestrel.ApplicationServices.GetRequiredService<ListenerEndpoints>()));

        var app = builder.Build();
        _ = app.Services.GetService<ConfigurationFileProvider>(); // created now, so the container disposes it
        ConfigurePipeline(app);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var endpoints = app.Services.GetRequiredService<ListenerEndpoints>();
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GatewayApplication).FullName!)
                .ListenersBound(endpoints.Partner.ToString(), endpoints.Admin.ToString());
        });
        return app;
    }

    private static void ConfigurePipeline(WebApplication app)
    {
        app.UseMiddleware<AuditMiddleware>();
        app.UseMiddleware<FailClosedExceptionMiddleware>();
        app.UseMiddleware<RequestHygieneMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ListenerIsolationMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RouteNotFoundMiddleware>();

        app.MapGatewayHealth();
        app.MapConfigurationStatus();
        app.MapConsentAdmin();
        app.MapSigningKeyAdmin();
        app.MapAuditAdmin();
        app.MapPartnerAdmin();
        app.MapWorkloadAdmin();
        app.MapGrantAdmin();
        app.MapReviewAdmin();
        app.MapTokenService();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<RoutePolicyMiddleware>();
            proxy.UseMiddleware<ConsentMiddleware>();
            proxy.UseMiddleware<TokenExchangeMiddleware>();
            proxy.UseMiddleware<ForwarderErrorMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
    }
}
