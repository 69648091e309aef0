using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using PayerTrustGateway.Tokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Admin;

/// <summary>
/// The admin scheme's answers: a token the framework validated must also come from an issuer the gateway
/// does not trust for partners and name a usable subject; every refusal is a FHIR OperationOutcome
/// (<see cref="DenyReason.AdminTokenMissing"/>, <see cref="DenyReason.AdminTokenInvalid"/>,
/// <see cref="DenyReason.AdminRoleMissing"/>). Tokens are never logged, only why they were refused.
/// </summary>
internal sealed class AdminTokenEvents : JwtBearerEvents
{
    private const int MaxSubjectLength = 200;

    private readonly DenialResponseWriter _denials;
    private readonly IssuerRegistry _partnerIssuers;
    private readonly ILogger<AdminTokenEvents> _logger;

    public AdminTokenEvents(DenialResponseWriter denials, IssuerRegistry partnerIssuers, ILogger<AdminTokenEvents> logger)
    {
        ArgumentNullException.ThrowIfNull(denials);
        ArgumentNullException.ThrowIfNull(partnerIssuers);
        ArgumentNullException.ThrowIfNull(logger);
        _denials = denials;
        _partnerIssuers = partnerIssuers;
        _logger = logger;
    }

    public override Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Defence in depth: the options validator keeps the admin issuer apart from partner issuers, and this
        // holds even if a later reload of TrustGateway:Issuers (or the token service) names the same issuer.
        if (context.SecurityToken is not JsonWebToken { Issuer: var issuer } || _partnerIssuers.Find(issuer) is not null)
        {
            return Refuse(context, "issuer-trusted-for-partners");
        }

        var subject = context.Principal?.Identity?.Name;
        if (subject is null || subject.Length is 0 or > MaxSubjectLength || subject.Any(char.IsControl))
        {
            return Refuse(context, "subject-unusable");
        }

        return Task.CompletedTask;
    }

    public override Task AuthenticationFailed(AuthenticationFailedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The exception type says what failed (expired, signature, issuer, audience...); its message is not logged.
        _logger.AdminTokenRefused(context.Exception.GetType().Name);
        return Task.CompletedTask;
    }

    public override async Task Challenge(JwtBearerChallengeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.HandleResponse();
        // RFC 6750 §3.1: without credentials the challenge carries no error code; with a bad token, invalid_token.
        await DenyAsync(context.HttpContext, context.AuthenticateFailure is null ? DenyReason.AdminTokenMissing : DenyReason.AdminTokenInvalid);
    }

    public override async Task Forbidden(ForbiddenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _logger.AdminRoleMissing(AdminRequest.Subject(context.HttpContext.User) ?? "unknown", context.Request.Method, context.Request.Path.Value ?? string.Empty);
        await DenyAsync(context.HttpContext, DenyReason.AdminRoleMissing);
    }

    private Task Refuse(ResultContext<JwtBearerOptions> context, string failure)
    {
        _logger.AdminTokenRefused(failure);
        context.Fail(failure);
        return Task.CompletedTask;
    }

    private async Task DenyAsync(HttpContext context, DenyReason reason)
    {
        // The partner certificate scheme (the default) notes a missing client certificate on every request;
        // on the admin listener that is no reason at all, so the admin reason is the one recorded.
        if (context.Features.Get<TrustContext>() is { } trust)
        {
            trust.Denial = reason;
        }

        await _denials.WriteAsync(context, reason);
    }
}
