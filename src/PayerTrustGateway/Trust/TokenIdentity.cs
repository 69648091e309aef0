using System.Collections.Immutable;

namespace PayerTrustGateway.Trust;

/// <summary>What a validated access token established. Never holds the token itself.</summary>
/// <param name="Issuer">The configured issuer name that validated it.</param>
/// <param name="ClientId">The token's client.</param>
/// <param name="TokenId">The token's jti.</param>
/// <param name="Scopes">The granted scopes.</param>
/// <param name="Binding">How the token is sender-constrained.</param>
/// <param name="ExpiresAt">The token's exp.</param>
internal sealed record TokenIdentity(
    string Issuer,
    string ClientId,
    string TokenId,
    ImmutableArray<string> Scopes,
    TokenBinding Binding,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The token's <c>purpose_of_use</c> codes (e.g. UDAP B2B), empty when it carries none.</summary>
    public ImmutableArray<string> PurposesOfUse { get; init; } = [];

    /// <summary>The token's <c>iat</c>.</summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>The token's <c>sub</c>.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>The token's <c>act</c> claim as compact JSON (RFC 8693 §4.1), when it carries one; nested into the downstream token's <c>act</c>.</summary>
    public string? Actor { get; init; }

    /// <summary>The <c>sub</c> of the token's <c>may_act</c> claim (RFC 8693 §4.4); empty when <c>may_act</c> names no <c>sub</c>, null when absent.</summary>
    public string? MayActSubject { get; init; }
}

/// <summary>How an access token is bound to its holder.</summary>
internal enum TokenBinding
{
    /// <summary>Not sender-constrained.</summary>
    None,

    /// <summary>RFC 8705 <c>cnf.x5t#S256</c>, verified against the presented certificate.</summary>
    Certificate,

    /// <summary>RFC 9449 <c>cnf.jkt</c>, verified against the request's DPoP proof.</summary>
    DpopKey,

    /// <summary>Both, both verified (STANDARDS S1.6).</summary>
    CertificateAndDpopKey,
}
