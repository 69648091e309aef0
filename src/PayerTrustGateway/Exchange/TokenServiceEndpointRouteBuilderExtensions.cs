using System.Text.Json.Nodes;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// Maps the token service on the partner listener: <c>POST /token</c> (certificate authentication
/// only), and anonymous discovery: RFC 8414 metadata, SMART configuration, JWKS.
/// </summary>
internal static class TokenServiceEndpointRouteBuilderExtensions
{
    public const string CertificateOnlyPolicy = "PartnerCertificateOnly";
    public const string JwksPath = "/.well-known/jwks.json";

    public static void MapTokenService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Mapped always; when the token service is disabled these answer 404.
        endpoints.MapPost(TokenServiceEndpoints.TokenPath, (HttpContext context, TokenEndpoint endpoint) => endpoint.HandleAsync(context))
            .RequireAuthorization(CertificateOnlyPolicy);
        endpoints.MapGet("/.well-known/oauth-authorization-server", (LastGoodOptions<TokenServiceOptions> service, LastGoodOptions<TokensOptions> tokens) =>
            service.Current.Enabled ? Results.Text(AuthorizationServerMetadata(service.Current, tokens.Current).ToJsonString(), "application/json") : Results.NotFound())
            .AllowAnonymous();
        endpoints.MapGet("/.well-known/smart-configuration", (LastGoodOptions<TokenServiceOptions> service, LastGoodOptions<TokensOptions> tokens) =>
            service.Current.Enabled ? Results.Text(SmartConfiguration(service.Current, tokens.Current).ToJsonString(), "application/json") : Results.NotFound())
            .AllowAnonymous();
        // The public keys of the gateway's tokens, partner-facing and downstream alike, on the listeners configured.
        endpoints.MapGet(JwksPath, (HttpContext context, LastGoodOptions<SigningKeysOptions> keys, SigningKeyRing ring) =>
            context.Features.Get<ListenerFeature>()?.Listener is { } listener && keys.Current.PublishesJwksOn(listener)
                ? Results.Text(Jwks(ring).ToJsonString(), "application/jwk-set+json")
                : Results.NotFound())
            .WithMetadata(AnyListenerEndpointMetadata.Instance)
            .AllowAnonymous();
    }

    // RFC 8414 §2, RFC 8705 §3.3 (tls_client_certificate_bound_access_tokens), RFC 9449 §5.1.
    private static JsonObject AuthorizationServerMetadata(TokenServiceOptions service, TokensOptions tokens)
    {
        var metadata = CommonMetadata(service, tokens, "tls_client_auth", "private_key_jwt");
        metadata["tls_client_certificate_bound_access_tokens"] = true;
        metadata["dpop_signing_alg_values_supported"] = Array(Trust.DenialResponseWriter.DpopAlgorithms.Split(' '));
        metadata["response_types_supported"] = new JsonArray();
        return metadata;
    }

    // SMART App Launch 2.x §2.6 (well-known), Backend Services.
    private static JsonObject SmartConfiguration(TokenServiceOptions service, TokensOptions tokens)
    {
        var metadata = CommonMetadata(service, tokens, "private_key_jwt", "tls_client_auth");
        metadata["scopes_supported"] = new JsonArray("system/*.rs", "system/*.read");
        metadata["capabilities"] = new JsonArray("client-confidential-asymmetric");
        return metadata;
    }

    private static JsonObject CommonMetadata(TokenServiceOptions service, TokensOptions tokens, params string[] authMethods)
    {
        var endpoints = TokenServiceEndpoints.From(service, tokens);
        return new JsonObject
        {
            ["issuer"] = endpoints.Issuer,
            ["token_endpoint"] = endpoints.TokenEndpoint.AbsoluteUri,
            ["jwks_uri"] = new Uri(tokens.PublicOrigin!, JwksPath).AbsoluteUri,
            ["grant_types_supported"] = new JsonArray("client_credentials", TokenEndpoint.TokenExchangeGrant),
            ["token_endpoint_auth_methods_supported"] = Array(authMethods),
            ["token_endpoint_auth_signing_alg_values_supported"] = Array(service.EffectiveAssertionAlgorithms),
        };
    }

    // RFC 7517 §5: the published keys, public members only.
    private static JsonObject Jwks(SigningKeyRing ring) =>
        new() { ["keys"] = new JsonArray(ring.Published().Select(key => (JsonNode?)key.Jwk.DeepClone()).ToArray()) };

    private static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(value => (JsonNode?)JsonValue.Create(value))]);
}
