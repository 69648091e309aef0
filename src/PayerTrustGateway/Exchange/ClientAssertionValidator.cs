using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// RFC 7523 §3 / SMART Backend Services client assertions (STANDARDS S7.2): signed with the workload's
/// registered key, iss = sub = client_id, aud = the token endpoint URL exactly, exp at most 5 minutes
/// ahead, a jti (single use is the caller's job), and a typ no access token can carry.
/// </summary>
internal sealed class ClientAssertionValidator
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public ClientAssertionValidator(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public async ValueTask<ClientAssertionResult> ValidateAsync(string assertion, RegisteredWorkload workload, Uri tokenEndpoint, IReadOnlyCollection<string> algorithms)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(workload);
        ArgumentNullException.ThrowIfNull(tokenEndpoint);
        if (workload.AssertionKeys.Count == 0)
        {
            return ClientAssertionResult.Fail("no assertion key is registered for this workload");
        }

        if (assertion.Length > 8192 || !_handler.CanReadToken(assertion))
        {
            return ClientAssertionResult.Fail("not a compact JWS");
        }

        var result = await _handler.ValidateTokenAsync(assertion, new TokenValidationParameters
        {
            ValidIssuer = workload.ClientId,
            ValidAudience = tokenEndpoint.AbsoluteUri,
            IgnoreTrailingSlashWhenValidatingAudience = false,
            IssuerSigningKeys = workload.AssertionKeys,
            ValidAlgorithms = algorithms,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ClockSkew = Skew,
            TypeValidator = (type, _, _) => type is null || string.Equals(type, "JWT", StringComparison.OrdinalIgnoreCase)
                ? type ?? string.Empty
                : throw new SecurityTokenInvalidTypeException("client assertions carry typ JWT"),
            LifetimeValidator = TokenLifetime.On(_time, Skew),
        });
        if (!result.IsValid)
        {
            return ClientAssertionResult.Fail(result.Exception?.GetType().Name ?? "invalid");
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        if (jwt.TryGetHeaderValue<object>("crit", out _)
            || !string.Equals(jwt.Subject, workload.ClientId, StringComparison.Ordinal)
            || string.IsNullOrEmpty(jwt.Id) || jwt.Id.Length > 256)
        {
            return ClientAssertionResult.Fail("sub must equal iss and client_id; jti required; no crit");
        }

        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        var issuedAt = jwt.TryGetPayloadValue<long>("iat", out var iat) ? DateTimeOffset.FromUnixTimeSeconds(iat) : (DateTimeOffset?)null;
        if (expiresAt - _time.GetUtcNow() > MaxLifetime + Skew || (issuedAt is { } at && expiresAt - at > MaxLifetime))
        {
            return ClientAssertionResult.Fail("exp more than 5 minutes after issuance");
        }

        var b2b = B2bExtension.Read(jwt.EncodedPayload);
        if (b2b.Present && (!b2b.Complete || workload.Partner.OrganizationId is not { } organization
            || !string.Equals(b2b.OrganizationId, organization, StringComparison.Ordinal)))
        {
            return ClientAssertionResult.Fail("hl7-b2b needs version, organization_id and purpose_of_use, and organization_id must be the partner's");
        }

        return new ClientAssertionResult(true, "valid", "assertion:" + workload.ClientId + ":" + jwt.Id, expiresAt + TokenLifetime.MaxClockSkew) { PurposesOfUse = b2b.PurposesOfUse };
    }
}

/// <summary>The outcome of validating a client assertion.</summary>
internal sealed record ClientAssertionResult(bool IsValid, string Detail, string? ReplayKey = null, DateTimeOffset ReplayUntil = default)
{
    /// <summary>UDAP B2B <c>extensions.hl7-b2b.purpose_of_use</c> codes asserted by the client (S7.7), carried into the token.</summary>
    public System.Collections.Immutable.ImmutableArray<string> PurposesOfUse { get; init; } = [];

    public static ClientAssertionResult Fail(string detail) => new(false, detail);
}
