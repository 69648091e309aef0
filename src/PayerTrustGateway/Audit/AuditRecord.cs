using System.Collections.Immutable;

namespace PayerTrustGateway.Audit;

/// <summary>
/// One audit record: who asked for what, on whose behalf, under which consent and policy, and what the
/// gateway decided and why. Never holds a token, a proof, a certificate body or member demographics:
/// the token is named by client, issuer and jti, the certificate by its <c>x5t#S256</c>, the member by
/// the gateway's member key. <see cref="Sequence"/>, <see cref="PreviousHash"/> and <see cref="Hash"/> are
/// set by the writer when it chains the record (<see cref="AuditChain"/>).
/// </summary>
internal sealed record AuditRecord
{
    /// <summary>The gateway instance whose chain holds the record.</summary>
    public string Instance { get; init; } = string.Empty;

    /// <summary>Position in the instance's chain, from 1.</summary>
    public long Sequence { get; init; }

    /// <summary>When the decision was made (request: when the response started; change: when it was committed).</summary>
    public DateTimeOffset Time { get; init; }

    public AuditKind Kind { get; init; }

    /// <summary>The gateway's request id (X-Request-Id, the downstream token's decision_id), or a fresh id for a change.</summary>
    public string RequestId { get; init; } = string.Empty;

    /// <summary>The W3C trace id, when the request was traced.</summary>
    public string? TraceId { get; init; }

    /// <summary><c>partner</c> or <c>admin</c> for requests; null for changes.</summary>
    public string? Listener { get; init; }

    /// <summary>Who acted: <c>workload</c> (a partner workload), <c>operator</c> (admin listener), <c>system</c> (the gateway itself).</summary>
    public string ActorKind { get; init; } = AuditActors.System;

    /// <summary>The partner workload (<c>partner/workload</c>), the operator's name, or <c>gateway</c>.</summary>
    public string? Actor { get; init; }

    public string? Partner { get; init; }

    /// <summary>The workload's qualified id, <c>partner/workload</c>.</summary>
    public string? Workload { get; init; }

    /// <summary>RFC 8705 <c>x5t#S256</c> of the presented client certificate.</summary>
    public string? CertificateThumbprint { get; init; }

    /// <summary>The presented client certificate's notAfter (the scorecard's expiry horizon).</summary>
    public DateTimeOffset? CertificateNotAfter { get; init; }

    public string? TokenIssuer { get; init; }

    public string? TokenClient { get; init; }

    public string? TokenId { get; init; }

    /// <summary><c>certificate</c>, <c>dpop</c>, <c>certificate+dpop</c> or <c>none</c>.</summary>
    public string? TokenBinding { get; init; }

    /// <summary>The accepted (or, for <c>/token</c>, issued) token's lifetime in seconds (exp − iat).</summary>
    public long? TokenLifetimeSeconds { get; init; }

    /// <summary>The member the request was scoped to (the gateway's member key).</summary>
    public string? Member { get; init; }

    public string? ConsentId { get; init; }

    public int? ConsentVersion { get; init; }

    public ImmutableArray<string> PurposesOfUse { get; init; } = [];

    public string? Policy { get; init; }

    public string? Rule { get; init; }

    /// <summary><c>allow</c> or <c>deny</c>.</summary>
    public string Decision { get; init; } = AuditDecisions.Allow;

    /// <summary>The denial's reason code (the OperationOutcome code the caller saw), null when allowed.</summary>
    public string? Reason { get; init; }

    /// <summary>The facts the deciding stage used (<c>name=value</c>).</summary>
    public ImmutableArray<string> Evidence { get; init; } = [];

    /// <summary>Shadow policies that decided differently, as <c>policy:reason</c>.</summary>
    public ImmutableArray<string> ShadowDisagreements { get; init; } = [];

    public string? Method { get; init; }

    /// <summary>The YARP route id, or the endpoint's path for gateway endpoints.</summary>
    public string? Route { get; init; }

    public string? Interaction { get; init; }

    public string? ResourceType { get; init; }

    public string? Operation { get; init; }

    public int Status { get; init; }

    /// <summary>From the first gateway stage to the start of the response.</summary>
    public long LatencyMicroseconds { get; init; }

    /// <summary>Time the live-consent stage took, when it ran.</summary>
    public long? ConsentMicroseconds { get; init; }

    /// <summary>Confidence of the member match, when a match was made.</summary>
    public double? MatchConfidence { get; init; }

    /// <summary>The exception or break-glass grant the request used, if any.</summary>
    public string? ExceptionId { get; init; }

    public bool BreakGlass { get; init; }

    /// <summary>For a change: what was done, e.g. <c>consent.revoke</c>, <c>signing-key.rotate</c>, <c>configuration.reload</c>.</summary>
    public string? Action { get; init; }

    /// <summary>For a change: what it was done to (a consent id, a kid, a configuration section).</summary>
    public string? Target { get; init; }

    /// <summary>For a change: the state before (compact JSON or a fingerprint), when there was one.</summary>
    public string? Before { get; init; }

    /// <summary>For a change: the state after.</summary>
    public string? After { get; init; }

    /// <summary>The hash of the previous record in the instance's chain (32 zero bytes for the first).</summary>
    public ImmutableArray<byte> PreviousHash { get; init; } = [];

    /// <summary>SHA-256 over the previous hash and this record's canonical form.</summary>
    public ImmutableArray<byte> Hash { get; init; } = [];
}
