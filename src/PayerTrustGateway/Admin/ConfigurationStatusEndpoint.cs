using System.Text.Json;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Forwarding;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Admin;

/// <summary>
/// <c>GET /config/status</c> (admin listener, any admin role): for each reloadable section, the hash of the configuration
/// serving now, when it was accepted, and the last rejected reload with its problems.
/// </summary>
internal static class ConfigurationStatusEndpoint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapConfigurationStatus(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/config/status", (IServiceProvider services) => Results.Json(new Dictionary<string, object>
        {
            ["partners"] = Describe(services.GetRequiredService<LastGoodOptions<PartnersOptions>>()),
            ["policies"] = Describe(services.GetRequiredService<LastGoodOptions<PoliciesOptions>>()),
            ["issuers"] = Describe(services.GetRequiredService<LastGoodOptions<IssuersOptions>>()),
            ["tokens"] = Describe(services.GetRequiredService<LastGoodOptions<TokensOptions>>()),
            ["tokenService"] = Describe(services.GetRequiredService<LastGoodOptions<TokenServiceOptions>>()),
            ["hygiene"] = Describe(services.GetRequiredService<LastGoodOptions<RequestHygieneOptions>>()),
            ["forwarding"] = Describe(services.GetRequiredService<LastGoodOptions<ForwardingOptions>>()),
            ["consent"] = Describe(services.GetRequiredService<LastGoodOptions<PayerTrustGateway.Consent.ConsentOptions>>()),
            ["adminAccess"] = Describe(services.GetRequiredService<LastGoodOptions<AdminAccessOptions>>()),
        }, Json))
            .WithMetadata(AdminEndpointMetadata.Instance)
            .RequireAdminRoles([.. AdminRoles.All]);
    }

    private static object Describe<TOptions>(LastGoodOptions<TOptions> options)
        where TOptions : class
    {
        var current = options.Current;
        var hash = ConfigurationFingerprint.Of(current);
        return new
        {
            hash,
            acceptedAt = options.AcceptedAt,
            rejectedReloads = options.RejectedReloads,
            lastRejection = options.LastRejection,
        };
    }
}
