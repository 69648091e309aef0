using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// How the sample backend authorises, as a real FHIR service behind the gateway should: only a bearer
/// token from the gateway (issuer, audience, <c>typ</c> at+jwt, signature against the gateway's JWKS,
/// lifetime), with standard JWT bearer authentication. Requests with any other credential, a partner's
/// DPoP proof, or none, get 401 and never reach the data.
/// </summary>
/// <param name="JwksUri">The gateway's JWKS (its admin listener).</param>
/// <param name="Issuer">The gateway's <c>iss</c>.</param>
/// <param name="Audience">This backend's audience (the cluster's <c>DownstreamAudience</c>).</param>
internal sealed record SampleTokenCheck(Uri JwksUri, string Issuer, string Audience)
{
    public void Register(IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = false;
            // The gateway publishes a bare JWKS; unknown kids (a rotation) trigger a refetch.
            options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                JwksUri.AbsoluteUri, new JwksRetriever(), new HttpDocumentRetriever { RequireHttps = false })
            {
                AutomaticRefreshInterval = TimeSpan.FromMinutes(10),
                RefreshInterval = TimeSpan.FromSeconds(1),
            };
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = Issuer,
                ValidAudience = Audience,
                ValidTypes = ["at+jwt"],
                ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
    }

    /// <summary>Middleware: 401 unless the request carries a valid gateway token and no partner credential.</summary>
    public static async Task RequireGatewayTokenAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (!result.Succeeded || context.Request.Headers.ContainsKey("DPoP"))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            context.Response.ContentType = "application/fhir+json";
            await context.Response.WriteAsync(
                "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"login\",\"diagnostics\":\"The sample backend accepts only the gateway's downstream token.\"}]}",
                context.RequestAborted);
            return;
        }

        await next(context);
    }

    private sealed class JwksRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var document = await retriever.GetDocumentAsync(address, cancel);
            var keys = new JsonWebKeySet(document);
            var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            return configuration;
        }
    }
}
