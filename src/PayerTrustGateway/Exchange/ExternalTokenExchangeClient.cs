using System.Collections.Frozen;
using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Polly.CircuitBreaker;
using Polly.Timeout;
using PayerTrustGateway.Hygiene;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// RFC 8693 token exchange at the payer's authorization server (S6.1 b – S6.6). Sends the validated partner
/// token as <c>subject_token</c>, the cluster as <c>audience</c> (and <c>resource</c> when it is a URL), the
/// narrowed <c>scope</c>, optionally the workload as <c>actor_token</c>, and authenticates with a
/// <c>private_key_jwt</c> signed by the gateway's key. The HTTP client carries the resilience pipeline
/// (timeouts, retries of transient failures only, circuit breaker). An answer outside what was asked
/// (another token type, a wider scope) is refused; the server's error text is never passed on.
/// </summary>
internal sealed class ExternalTokenExchangeClient
{
    public const string HttpClientName = "token-exchange";
    public const string AccessTokenType = "urn:ietf:params:oauth:token-type:access_token";
    private const string JwtTokenType = "urn:ietf:params:oauth:token-type:jwt";
    private const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private const int MaxResponseBytes = 64 * 1024;
    private static readonly FrozenDictionary<string, object> JwtHeader = new Dictionary<string, object> { ["typ"] = "JWT" }.ToFrozenDictionary();

    private readonly IHttpClientFactory _http;
    private readonly SigningKeyRing _keys;
    private readonly TimeProvider _time;
    private readonly ILogger<ExternalTokenExchangeClient> _logger;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public ExternalTokenExchangeClient(IHttpClientFactory http, SigningKeyRing keys, TimeProvider time, ILogger<ExternalTokenExchangeClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _keys = keys;
        _time = time;
        _logger = logger;
    }

    public async Task<DownstreamTokenOutcome> ExchangeAsync(DownstreamTokenRequest request, string subjectToken, ExternalTokenServiceOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(subjectToken);
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.TokenEndpoint!;
        using var form = new FormUrlEncodedContent(Form(request, subjectToken, options, endpoint));
        HttpResponseMessage response;
        try
        {
            response = await _http.CreateClient(HttpClientName).PostAsync(endpoint, form, cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, "circuit open");
        }
        catch (TimeoutRejectedException)
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, "timed out");
        }
        catch (HttpRequestException exception)
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, "unreachable: " + (exception.HttpRequestError.ToString()));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, "timed out");
        }

        using (response)
        {
            var body = await BoundedBodyReader.ReadAsync(await response.Content.ReadAsStreamAsync(cancellationToken), response.Content.Headers.ContentLength, MaxResponseBytes, cancellationToken);
            if (body is null)
            {
                return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, "response too large");
            }

            return response.IsSuccessStatusCode
                ? ReadSuccess(body.Value, request)
                : ReadError(response.StatusCode, body.Value);
        }
    }

    private List<KeyValuePair<string, string>> Form(DownstreamTokenRequest request, string subjectToken, ExternalTokenServiceOptions options, Uri endpoint)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", TokenExchangeGrant),
            new("subject_token", subjectToken),
            new("subject_token_type", AccessTokenType),
            new("requested_token_type", AccessTokenType),
            new("audience", request.Audience),
        };

        // RFC 8707 §2: a resource is an absolute URI without fragment; the cluster's audience usually is its FHIR base.
        if (Uri.TryCreate(request.Audience, UriKind.Absolute, out var resource) && (resource.Scheme == Uri.UriSchemeHttps || resource.Scheme == Uri.UriSchemeHttp))
        {
            fields.Add(new("resource", request.Audience));
        }

        if (!request.Scopes.IsDefaultOrEmpty)
        {
            fields.Add(new("scope", string.Join(' ', request.Scopes)));
        }

        // S6.2: actor_token_type is present if and only if actor_token is.
        if (options.SendActorToken)
        {
            fields.Add(new("actor_token", Sign(request.ClientId, options.ClientId!, endpoint, request.InboundActor)));
            fields.Add(new("actor_token_type", JwtTokenType));
        }

        fields.Add(new("client_id", options.ClientId!));
        fields.Add(new("client_assertion_type", JwtBearerAssertion));
        fields.Add(new("client_assertion", Sign(options.ClientId!, options.ClientId!, endpoint, null)));
        return fields;
    }

    // RFC 7523 §3 (S7.2): iss = sub = client_id for the client assertion; for the actor token, sub = the
    // workload, iss = the gateway's client. aud = the token endpoint exactly, exp one minute, fresh jti.
    private string Sign(string subject, string issuer, Uri endpoint, string? earlierActor)
    {
        var now = _time.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["sub"] = subject,
            ["aud"] = endpoint.AbsoluteUri,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(1).ToUnixTimeSeconds(),
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (earlierActor is not null)
        {
            claims["act"] = JsonDocument.Parse(earlierActor).RootElement.Clone();
        }

        return _handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, SigningCredentials = _keys.Signing.Credentials, AdditionalHeaderClaims = JwtHeader });
    }

    // S6.3: access_token, issued_token_type equal to the requested type, token_type Bearer; scope, when
    // present, within the request.
    private DownstreamTokenOutcome ReadSuccess(ReadOnlyMemory<byte> body, DownstreamTokenRequest request)
    {
        using var json = TryParse(body);
        var root = json?.RootElement;
        if (root is not { ValueKind: JsonValueKind.Object } response
            || !TryString(response, "access_token", out var accessToken) || accessToken.Length == 0
            || !TryString(response, "issued_token_type", out var issuedType)
            || !TryString(response, "token_type", out var tokenType))
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, "malformed success response");
        }

        if (!string.Equals(issuedType, AccessTokenType, StringComparison.Ordinal))
        {
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeRefused, "issued_token_type " + Printable(issuedType));
        }

        if (!string.Equals(tokenType, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            // N_A is not an access token; DPoP would need a proof the gateway cannot make for the backend.
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeRefused, "token_type " + Printable(tokenType));
        }

        if (response.TryGetProperty("scope", out var scopeElement))
        {
            if (scopeElement.ValueKind != JsonValueKind.String)
            {
                return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeRefused, "scope not a string");
            }

            var granted = scopeElement.GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var wider = granted.FirstOrDefault(scope => !request.Scopes.Contains(scope, StringComparer.Ordinal));
            if (wider is not null)
            {
                return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeRefused, "scope wider than requested");
            }
        }

        var now = _time.GetUtcNow();
        DateTimeOffset expiresAt;
        if (response.TryGetProperty("expires_in", out var expiresIn))
        {
            if (expiresIn.ValueKind != JsonValueKind.Number || !expiresIn.TryGetInt64(out var seconds) || seconds <= 0)
            {
                return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, "expires_in not a positive integer");
            }

            expiresAt = now.AddSeconds(Math.Min(seconds, 86_400));
        }
        else
        {
            // Unknown lifetime: used for this request only, never cached past it.
            expiresAt = now;
        }

        var (tokenId, issuer) = Describe(accessToken);
        return DownstreamTokenOutcome.Issued(new DownstreamToken(accessToken, tokenId, expiresAt, issuer), "exchanged");
    }

    // S6.6: invalid_request / invalid_target (and the other client errors) → 403 upstream; an
    // authorization server that rejects the gateway itself or fails → 503. The error text stays here.
    private DownstreamTokenOutcome ReadError(HttpStatusCode status, ReadOnlyMemory<byte> body)
    {
        using var json = TryParse(body);
        var error = json?.RootElement is { ValueKind: JsonValueKind.Object } root && TryString(root, "error", out var code) ? Printable(code) : "-";
        if (status == HttpStatusCode.Unauthorized || error is "invalid_client")
        {
            _logger.ExchangeClientRejected((int)status, error);
            return DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, $"gateway client rejected ({(int)status} {error})");
        }

        return (int)status is >= 400 and < 500
            ? DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeRefused, $"{(int)status} {error}")
            : DownstreamTokenOutcome.Refused(DenyReason.TokenExchangeUnavailable, $"{(int)status} {error}");
    }

    // For the decision log and audit only: the jti and iss of a JWT access token, read without trusting it.
    private static (string TokenId, string Issuer) Describe(string accessToken)
    {
        try
        {
            var jwt = new JsonWebToken(accessToken);
            return (Printable(jwt.Id), Printable(jwt.Issuer));
        }
        catch (ArgumentException)
        {
            return ("-", "external");
        }
    }

    private static JsonDocument? TryParse(ReadOnlyMemory<byte> body)
    {
        try
        {
            return JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool TryString(JsonElement element, string name, out string value)
    {
        value = string.Empty;
        if (!element.TryGetProperty(name, out var property) || property.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = property.GetString()!;
        return true;
    }

    // Values from the server go to logs only as short printable tokens.
    private static string Printable(string? value) =>
        string.IsNullOrEmpty(value) ? "-" : new string([.. value.Take(64).Select(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '-' or '.' or '/' ? c : '?')]);
}
