using System.Collections.Immutable;

namespace PayerTrustGateway.Exchange;

/// <summary>Everything that shapes one downstream token (S6.4, S6.7, S6.8). Holds no token.</summary>
/// <param name="ClientId">The partner workload's client id (<c>client_id</c>, <c>act.sub</c>).</param>
/// <param name="WorkloadId">The partner workload ("partner/workload").</param>
/// <param name="Member">The member on member-scoped routes (<c>sub</c>), otherwise null.</param>
/// <param name="ConsentId">The consent that allowed the request, on consent routes.</param>
/// <param name="ConsentVersion">That consent's version.</param>
/// <param name="PolicyName">The route policy.</param>
/// <param name="PolicyVersion">Its fingerprint.</param>
/// <param name="Audience">The destination cluster's audience.</param>
/// <param name="Scopes">Partner scopes ∩ route policy.</param>
/// <param name="PurposesOfUse">The purposes of use this request is made for.</param>
/// <param name="InboundActor">The partner token's <c>act</c> (compact JSON), nested under the workload.</param>
/// <param name="NotAfter">The downstream token may not outlive this: the partner token's exp (and the consent's end).</param>
/// <param name="DecisionId">This request's decision id.</param>
internal sealed record DownstreamTokenRequest(
    string ClientId,
    string WorkloadId,
    string? Member,
    string? ConsentId,
    int? ConsentVersion,
    string PolicyName,
    string PolicyVersion,
    string Audience,
    ImmutableArray<string> Scopes,
    ImmutableArray<string> PurposesOfUse,
    string? InboundActor,
    DateTimeOffset NotAfter,
    string DecisionId)
{
    /// <summary>The partner token's <c>may_act.sub</c>, when it has <c>may_act</c> (empty: names no sub).</summary>
    public string? MayActSubject { get; init; }

    /// <summary>
    /// A key of everything that shaped the token except the request's own ids (S6.7). <paramref name="subjectToken"/>
    /// adds the partner token's identity, for tokens an external service derived from it.
    /// </summary>
    public string CacheKey(string? subjectToken = null) => string.Join('\u001f',
        ClientId, WorkloadId, Member ?? "-", ConsentId ?? "-", ConsentVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
        PolicyName, PolicyVersion, Audience, string.Join(' ', Scopes), string.Join(' ', PurposesOfUse), InboundActor ?? "-", subjectToken ?? "-");
}

/// <summary>A downstream token and what the gateway keeps about it (never logged whole).</summary>
/// <param name="Value">The compact token.</param>
/// <param name="TokenId">Its jti, when known.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="Issuer">Who issued it (the gateway or the external service).</param>
internal sealed record DownstreamToken(string Value, string TokenId, DateTimeOffset ExpiresAt, string Issuer);

/// <summary>A downstream token, or why there is none.</summary>
internal sealed record DownstreamTokenOutcome(DownstreamToken? Token, Trust.DenyReason Reason, string Detail)
{
    public static DownstreamTokenOutcome Issued(DownstreamToken token, string detail) => new(token, Trust.DenyReason.None, detail);

    public static DownstreamTokenOutcome Refused(Trust.DenyReason reason, string detail) => new(null, reason, detail);
}
