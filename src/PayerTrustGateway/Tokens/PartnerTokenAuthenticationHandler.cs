using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// Second scheme, after the certificate: the access token must be valid (<see cref="AccessTokenValidator"/>),
/// issued to the client that *is* the certificate's workload (S1.7), and if sender-constrained, bound to
/// this certificate (RFC 8705, constant-time) and/or to the key of this request's DPoP proof (RFC 9449).
/// Runs only when the certificate scheme established a workload; otherwise its refusal stands.
/// </summary>
internal sealed class PartnerTokenAuthenticationHandler : AuthenticationHandler<PartnerTokenAuthenticationOptions>
{
    private readonly AccessTokenValidator _tokens;
    private readonly DpopProofValidator _proofs;
    private readonly DpopNonces _nonces;
    private readonly IReplayCache _replay;
    private readonly PartnerRegistry _partners;
    private readonly LastGoodOptions<TokensOptions> _options;
    private readonly DenialResponseWriter _denials;

    public PartnerTokenAuthenticationHandler(
        IOptionsMonitor<PartnerTokenAuthenticationOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        AccessTokenValidator tokens,
        DpopProofValidator proofs,
        DpopNonces nonces,
        IReplayCache replay,
        PartnerRegistry partners,
        LastGoodOptions<TokensOptions> tokenOptions,
        DenialResponseWriter denials)
        : base(options, logger, encoder)
    {
        _tokens = tokens;
        _proofs = proofs;
        _nonces = nonces;
        _replay = replay;
        _partners = partners;
        _options = tokenOptions;
        _denials = denials;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var trust = Context.Features.Get<TrustContext>();
        if (trust?.Workload is null)
        {
            return AuthenticateResult.NoResult();
        }

        var reason = await AuthenticateTokenAsync(trust);
        if (reason != DenyReason.None)
        {
            trust.Denial = reason;
            return AuthenticateResult.Fail(DenialCatalog.Descriptors[reason].Code);
        }

        var token = trust.Token!;
        var identity = new ClaimsIdentity(
            [
                new Claim("client_id", token.ClientId, ClaimValueTypes.String, ClaimsIssuer),
                new Claim("token_issuer", token.Issuer, ClaimValueTypes.String, ClaimsIssuer),
                new Claim("scope", string.Join(' ', token.Scopes), ClaimValueTypes.String, ClaimsIssuer),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        _denials.WriteRecordedAsync(Context, DenyReason.TokenMissing).AsTask();

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        _denials.WriteRecordedAsync(Context, DenyReason.PolicyNotAdmitted).AsTask();

    private async Task<DenyReason> AuthenticateTokenAsync(TrustContext trust)
    {
        var workload = trust.Workload!;

        // RFC 6750 §2 / S5.4: tokens only in the Authorization header.
        if (Request.Query.ContainsKey("access_token"))
        {
            return Reject(workload, DenyReason.TokenRequestMalformed, "access_token in query");
        }

        if (!AuthorizationHeader.TryParse(Request.Headers.Authorization.ToString(), out var scheme, out var token, out var headerReason))
        {
            trust.PresentedScheme = scheme;
            return headerReason == DenyReason.TokenMissing ? headerReason : Reject(workload, headerReason, "Authorization header");
        }

        trust.PresentedScheme = scheme;
        var validation = await _tokens.ValidateAsync(token, Context.Features.Get<TokenValidationCache>(), Context.RequestAborted);
        if (validation.Reason != DenyReason.None)
        {
            return Reject(workload, validation.Reason, validation.Detail);
        }

        var identity = validation.Identity!;
        var tokenWorkload = _partners.Current.FindByClientId(identity.ClientId);
        if (tokenWorkload is null || !string.Equals(tokenWorkload.QualifiedId, workload.QualifiedId, StringComparison.Ordinal))
        {
            return Reject(workload, DenyReason.TokenClientMismatch, "client_id is not the certificate's workload");
        }

        var binding = await CheckBindingAsync(trust, scheme, token, validation);
        if (binding != DenyReason.None)
        {
            return binding;
        }

        if (validation.SingleUse
            && !await _replay.TryRecordAsync("at:" + identity.Issuer + ":" + identity.TokenId, identity.ExpiresAt + TokenLifetime.MaxClockSkew, Context.RequestAborted))
        {
            return Reject(workload, DenyReason.TokenReplayed, "single-use token presented again");
        }

        trust.Token = identity;
        Logger.TokenAccepted(TokenIdHash.Of(identity.TokenId), identity.Issuer, workload.QualifiedId, identity.Binding);
        return DenyReason.None;
    }

    private async Task<DenyReason> CheckBindingAsync(TrustContext trust, TokenScheme scheme, string token, AccessTokenValidationResult validation)
    {
        var workload = trust.Workload!;
        if (validation.CertificateThumbprint is { } x5t && !CertificateBinding.Matches(x5t, workload.CertificateThumbprint))
        {
            return Reject(workload, DenyReason.TokenCertificateMismatch, "cnf.x5t#S256");
        }

        if (validation.JwkThumbprint is null)
        {
            // RFC 9449 §7.1: the DPoP scheme is for DPoP-bound tokens only.
            return scheme == TokenScheme.DPoP ? Reject(workload, DenyReason.TokenSchemeMismatch, "DPoP scheme with a token that has no cnf.jkt") : DenyReason.None;
        }

        if (scheme != TokenScheme.DPoP)
        {
            // RFC 9449 §7.2: a DPoP-bound token presented as Bearer is refused.
            return Reject(workload, DenyReason.TokenSchemeMismatch, "DPoP-bound token presented as Bearer");
        }

        var proofs = Request.Headers["DPoP"];
        if (proofs.Count != 1 || string.IsNullOrEmpty(proofs[0]))
        {
            return Reject(workload, DenyReason.DpopProofInvalid, "exactly one DPoP header required");
        }

        var options = _options.Current;
        var proof = await _proofs.ValidateAsync(proofs[0]!, Request.Method, TargetUri(options), token, options);
        if (proof.Reason == DenyReason.DpopNonceRequired)
        {
            trust.DpopNonce = _nonces.Issue();
        }

        if (proof.Reason != DenyReason.None)
        {
            return Reject(workload, proof.Reason, proof.Detail);
        }

        if (!CertificateBinding.ThumbprintsMatch(validation.JwkThumbprint, proof.JwkThumbprint!))
        {
            return Reject(workload, DenyReason.DpopProofInvalid, "proof key is not cnf.jkt");
        }

        return await _replay.TryRecordAsync(proof.ReplayKey!, proof.ReplayUntil, Context.RequestAborted)
            ? DenyReason.None
            : Reject(workload, DenyReason.DpopProofReplayed, "proof jti seen before");
    }

    // S2.5: the external URI from the configured public origin and the path as the client sent it.
    private Uri TargetUri(TokensOptions options)
    {
        var raw = Context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var query = raw.IndexOf('?', StringComparison.Ordinal);
        return new Uri(options.PublicOrigin!, query < 0 ? raw : raw[..query]);
    }

    private DenyReason Reject(WorkloadIdentity workload, DenyReason reason, string detail)
    {
        Logger.TokenRejected(workload.QualifiedId, reason, detail);
        return reason;
    }
}
