using System.Collections.Immutable;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Tokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// <c>POST /token</c>: client credentials for partner workloads, and RFC 8693 token exchange to narrow a
/// token this service issued (same workload, same binding, fewer scopes). The client is authenticated by its
/// certificate (RFC 8705 §2 <c>tls_client_auth</c>, done by the certificate scheme before this runs) and,
/// when it sends one, by a <c>private_key_jwt</c> assertion (RFC 7523) for the same client. Scopes are
/// limited to what the workload is registered for; the token is bound to the certificate and, with a
/// DPoP proof, to its key. Errors are RFC 6749 §5.2 JSON.
/// </summary>
internal sealed class TokenEndpoint
{
    public const string TokenExchangeGrant = "urn:ietf:params:oauth:grant-type:token-exchange";
    private const string ClientCredentials = "client_credentials";
    private const string JwtBearerAssertion = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private const long MaxFormBytes = 16 * 1024;

    private readonly PartnerRegistry _partners;
    private readonly ClientAssertionValidator _assertions;
    private readonly DpopProofValidator _proofs;
    private readonly DpopNonces _nonces;
    private readonly IReplayCache _replay;
    private readonly AccessTokenIssuer _issuer;
    private readonly AccessTokenValidator _validator;
    private readonly TimeProvider _time;
    private readonly LastGoodOptions<TokenServiceOptions> _service;
    private readonly LastGoodOptions<TokensOptions> _tokens;
    private readonly ILogger<TokenEndpoint> _logger;

    public TokenEndpoint(
        PartnerRegistry partners,
        ClientAssertionValidator assertions,
        DpopProofValidator proofs,
        DpopNonces nonces,
        IReplayCache replay,
        AccessTokenIssuer issuer,
        AccessTokenValidator validator,
        TimeProvider time,
        LastGoodOptions<TokenServiceOptions> service,
        LastGoodOptions<TokensOptions> tokens,
        ILogger<TokenEndpoint> logger)
    {
        _partners = partners;
        _assertions = assertions;
        _proofs = proofs;
        _nonces = nonces;
        _replay = replay;
        _issuer = issuer;
        _validator = validator;
        _time = time;
        _service = service;
        _tokens = tokens;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_service.Current.Enabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var identity = context.Features.Get<TrustContext>()?.Workload;
        var workload = identity is null ? null : _partners.Current.FindWorkload(identity.QualifiedId);
        if (identity is null || workload is null)
        {
            AuditAnnotations.For(context).Refusal = "invalid_client";
            await WriteErrorAsync(context, "invalid_client", "Authenticate with your registered workload certificate.");
            return;
        }

        var outcome = await IssueAsync(context, identity, workload);
        if (outcome.Error is not null)
        {
            _logger.TokenRequestRefused(identity.QualifiedId, outcome.Error, outcome.Detail);
            AuditAnnotations.For(context).Refusal = outcome.Error;
            await WriteErrorAsync(context, outcome.Error, outcome.Description!);
            return;
        }

        var token = outcome.Token!;
        var annotations = AuditAnnotations.For(context);
        annotations.IssuedTokenId = token.TokenId;
        annotations.IssuedTokenLifetime = token.Lifetime;
        annotations.IssuedTokenClient = workload.ClientId;
        annotations.IssuedTokenBinding = token.TokenType == "DPoP" ? AuditRecordBuilder.Binding(TokenBinding.CertificateAndDpopKey) : AuditRecordBuilder.Binding(TokenBinding.Certificate);
        _logger.TokenIssued(TokenIdHash.Of(token.TokenId), identity.QualifiedId, token.TokenType, token.Scopes.Length);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        await context.Response.WriteAsJsonAsync(
            new TokenResponse(token.AccessToken, token.TokenType, (int)token.Lifetime.TotalSeconds, string.Join(' ', token.Scopes)) { IssuedTokenType = token.IssuedTokenType },
            TokenJson.Default.TokenResponse,
            cancellationToken: context.RequestAborted);
    }

    private async Task<Outcome> IssueAsync(HttpContext context, WorkloadIdentity identity, RegisteredWorkload workload)
    {
        var service = _service.Current;
        var tokens = _tokens.Current;
        var endpoints = TokenServiceEndpoints.From(service, tokens);
        if (!context.Request.HasFormContentType || context.Request.ContentLength is null or > MaxFormBytes)
        {
            return Outcome.Fail("invalid_request", "Send an application/x-www-form-urlencoded body with Content-Length.", "not a form");
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Any(field => field.Value.Count > 1))
        {
            return Outcome.Fail("invalid_request", "Send each parameter once.", "repeated parameter");
        }

        var grant = form["grant_type"].ToString();
        if (grant is not (ClientCredentials or TokenExchangeGrant))
        {
            return Outcome.Fail("unsupported_grant_type", "Use grant_type=client_credentials, or token-exchange to narrow a token this service issued you.", "grant_type");
        }

        if (form.TryGetValue("client_id", out var clientId) && !string.Equals(clientId, workload.ClientId, StringComparison.Ordinal))
        {
            return Outcome.Fail("invalid_client", "client_id does not belong to the workload your certificate identifies.", "client_id mismatch");
        }

        var (assertionFailure, purposes) = await CheckAssertionAsync(form, workload, endpoints, service, context.RequestAborted);
        if (assertionFailure is not null)
        {
            return assertionFailure;
        }

        var (proofFailure, jkt) = await ReadProofAsync(context, endpoints, tokens);
        if (proofFailure is not null)
        {
            return proofFailure;
        }

        if (grant == TokenExchangeGrant)
        {
            return await NarrowAsync(form, identity, workload, endpoints, service, jkt, context.RequestAborted);
        }

        if (!TryGrantScopes(form["scope"].ToString(), workload, out var scopes))
        {
            return Outcome.Fail("invalid_scope", "Request only system/ scopes registered for this workload.", "scope not registered");
        }

        return new Outcome(_issuer.Issue(workload, scopes, identity.CertificateThumbprint, jkt, endpoints, service.TokenLifetime, purposes.IsDefaultOrEmpty ? workload.PurposesOfUse : purposes), null, null, "issued");
    }

    // RFC 8693 for the partner itself: a token this service issued to this workload, narrowed. Audience and
    // scope only shrink (invalid_target / invalid_scope otherwise, §2.2.2); the new token keeps the subject
    // token's certificate and DPoP binding, its purposes, and expires no later.
    private async Task<Outcome> NarrowAsync(IFormCollection form, WorkloadIdentity identity, RegisteredWorkload workload, TokenServiceEndpoints endpoints, TokenServiceOptions service, string? proofJkt, CancellationToken cancellationToken)
    {
        if (!string.Equals(form["subject_token_type"], ExternalTokenExchangeClient.AccessTokenType, StringComparison.Ordinal)
            || (form.TryGetValue("requested_token_type", out var requested) && !string.Equals(requested, ExternalTokenExchangeClient.AccessTokenType, StringComparison.Ordinal)))
        {
            return Outcome.Fail("invalid_request", "Exchange an access token for an access token: subject_token_type (and requested_token_type, if sent) = urn:ietf:params:oauth:token-type:access_token.", "token types");
        }

        if (form.ContainsKey("actor_token") || form.ContainsKey("actor_token_type"))
        {
            return Outcome.Fail("invalid_request", "Delegation (actor_token) is not offered here; exchange your own token only.", "actor_token");
        }

        var subject = form["subject_token"].ToString();
        var validation = subject.Length == 0 ? null : await _validator.ValidateAsync(subject, cancellationToken);
        if (validation?.Identity is not { } token || validation.Reason != DenyReason.None
            || !string.Equals(validation.IssuerValue, endpoints.Issuer, StringComparison.Ordinal)
            || !string.Equals(token.ClientId, workload.ClientId, StringComparison.Ordinal))
        {
            return Outcome.Fail("invalid_request", "subject_token must be a valid access token this service issued to your workload.", validation?.Detail ?? "no subject_token");
        }

        // The new token stays bound exactly as the subject token is (RFC 8705 §3, RFC 9449 §6).
        if (validation.CertificateThumbprint is { } x5t && !CertificateBinding.Matches(x5t, identity.CertificateThumbprint))
        {
            return Outcome.Fail("invalid_request", "subject_token is bound to another certificate.", "x5t mismatch");
        }

        if (!string.Equals(validation.JwkThumbprint, proofJkt, StringComparison.Ordinal))
        {
            return Outcome.Fail("invalid_dpop_proof", "Send a DPoP proof made with the key the subject_token is bound to (and none for a token without DPoP binding).", "jkt mismatch");
        }

        foreach (var field in new[] { "audience", "resource" })
        {
            if (form.TryGetValue(field, out var target) && !IsOwnAudience(target.ToString(), endpoints))
            {
                return Outcome.Fail("invalid_target", "The narrowed token can only be for this gateway (the subject token's audience).", field);
            }
        }

        var asked = form["scope"].ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        ImmutableArray<string> scopes = asked.Length == 0 ? token.Scopes : [.. asked.Distinct(StringComparer.Ordinal)];
        if (scopes.IsEmpty || scopes.Any(scope => !token.Scopes.Contains(scope, StringComparer.Ordinal)))
        {
            return Outcome.Fail("invalid_scope", "Ask only for scopes the subject_token already has.", "scope wider");
        }

        var remaining = TimeSpan.FromSeconds(Math.Floor((token.ExpiresAt - _time.GetUtcNow()).TotalSeconds));
        if (remaining <= TimeSpan.Zero)
        {
            return Outcome.Fail("invalid_request", "subject_token has expired.", "expired");
        }

        var lifetime = remaining < service.TokenLifetime ? remaining : service.TokenLifetime;
        var issued = _issuer.Issue(workload, scopes, identity.CertificateThumbprint, proofJkt, endpoints, lifetime, token.PurposesOfUse);
        return new Outcome(issued with { IssuedTokenType = ExternalTokenExchangeClient.AccessTokenType }, null, null, "narrowed");
    }

    private static bool IsOwnAudience(string target, TokenServiceEndpoints endpoints) =>
        string.Equals(target, endpoints.Audience, StringComparison.Ordinal)
        || string.Equals(target.TrimEnd('/'), endpoints.Audience.TrimEnd('/'), StringComparison.Ordinal);

    private async Task<(Outcome? Failure, string? Jkt)> ReadProofAsync(HttpContext context, TokenServiceEndpoints endpoints, TokensOptions tokens)
    {
        var proofs = context.Request.Headers["DPoP"];
        if (proofs.Count == 0)
        {
            return (null, null);
        }

        var proof = proofs.Count == 1
            ? await _proofs.ValidateAsync(proofs[0]!, "POST", endpoints.TokenEndpoint, null, tokens)
            : DpopProofResult.Deny(DenyReason.DpopProofInvalid, "several DPoP headers");
        if (proof.Reason == DenyReason.DpopNonceRequired)
        {
            context.Response.Headers["DPoP-Nonce"] = _nonces.Issue();
            return (Outcome.Fail("use_dpop_nonce", "Retry with the nonce from the DPoP-Nonce header.", proof.Detail), null);
        }

        if (proof.Reason != DenyReason.None || !await _replay.TryRecordAsync(proof.ReplayKey!, proof.ReplayUntil, context.RequestAborted))
        {
            return (Outcome.Fail("invalid_dpop_proof", "Send one fresh DPoP proof for POST to the token endpoint.", proof.Detail), null);
        }

        return (null, proof.JwkThumbprint);
    }

    private async Task<(Outcome? Failure, ImmutableArray<string> Purposes)> CheckAssertionAsync(IFormCollection form, RegisteredWorkload workload, TokenServiceEndpoints endpoints, TokenServiceOptions service, CancellationToken cancellationToken)
    {
        var hasType = form.TryGetValue("client_assertion_type", out var type);
        var hasAssertion = form.TryGetValue("client_assertion", out var assertion);
        if (!hasType && !hasAssertion)
        {
            return (null, []);
        }

        if (!hasType || !hasAssertion || !string.Equals(type, JwtBearerAssertion, StringComparison.Ordinal))
        {
            return (Outcome.Fail("invalid_client", "Send client_assertion_type=urn:ietf:params:oauth:client-assertion-type:jwt-bearer with client_assertion.", "assertion parameters"), []);
        }

        var result = await _assertions.ValidateAsync(assertion.ToString(), workload, endpoints.TokenEndpoint, service.EffectiveAssertionAlgorithms);
        if (!result.IsValid)
        {
            return (Outcome.Fail("invalid_client", "The client assertion is not valid (RFC 7523: iss = sub = client_id, aud = this token endpoint, exp within 5 minutes, signed with your registered key).", result.Detail), []);
        }

        return await _replay.TryRecordAsync(result.ReplayKey!, result.ReplayUntil, cancellationToken)
            ? (null, result.PurposesOfUse)
            : (Outcome.Fail("invalid_client", "The client assertion was used before; send a new one with a fresh jti.", "assertion replayed"), []);
    }

    // Requested scopes must all be registered; none requested grants all registered scopes.
    private static bool TryGrantScopes(string requested, RegisteredWorkload workload, out ImmutableArray<string> granted)
    {
        var asked = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        granted = asked.Length == 0 ? workload.Scopes : [.. asked.Distinct(StringComparer.Ordinal)];
        var registered = workload.Scopes;
        return !granted.IsEmpty && granted.All(scope => registered.Contains(scope, StringComparer.Ordinal));
    }

    private static async Task WriteErrorAsync(HttpContext context, string error, string description)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new TokenError(error, description), TokenJson.Default.TokenError, cancellationToken: context.RequestAborted);
    }

    private sealed record Outcome(IssuedToken? Token, string? Error, string? Description, string Detail)
    {
        public static Outcome Fail(string error, string description, string detail) => new(null, error, description, detail);
    }
}
