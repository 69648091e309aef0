using System.Collections.Frozen;
using System.Collections.Immutable;
using PayerTrustGateway.Governance;
using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Partners;

/// <summary>A workload as the request path sees it.</summary>
internal sealed record RegisteredWorkload(RegisteredPartner Partner, string Id, WorkloadStatus Status)
{
    /// <summary>"partner/workload", the form policies use.</summary>
    public string QualifiedId { get; } = Partner.Id + "/" + Id;

    /// <summary>The OAuth client id tokens for this workload carry.</summary>
    public string ClientId { get; init; } = Partner.Id + "/" + Id;

    /// <summary>Scopes the token endpoint may grant.</summary>
    public ImmutableArray<string> Scopes { get; init; } = [];

    /// <summary>Registered purposes of use, carried in issued tokens when the client asserts none.</summary>
    public ImmutableArray<string> PurposesOfUse { get; init; } = [];

    /// <summary>Tags policies admit by.</summary>
    public ImmutableArray<string> Tags { get; init; } = [];

    /// <summary>Who operates the workload.</summary>
    public Policy.ActorKind ActorKind { get; init; } = Policy.ActorKind.System;

    /// <summary>Keys that verify this workload's client assertions (empty: mutual TLS only).</summary>
    public IReadOnlyList<SecurityKey> AssertionKeys { get; init; } = [];

    /// <summary>A SAN URI that identifies the workload's certificate.</summary>
    public string? SanUri { get; init; }

    /// <summary>A SAN DNS name that identifies the workload's certificate.</summary>
    public string? SanDns { get; init; }

    /// <summary>A SubjectPublicKeyInfo pin that identifies the workload's certificate.</summary>
    public string? SpkiSha256 { get; init; }

    /// <summary>Where the workload is defined.</summary>
    public EstateSource Source { get; init; }

    /// <summary>Owner, sponsor, purpose, expiry and review cadence; null for a configured workload that declares none (not certification-governed).</summary>
    public WorkloadStewardship? Stewardship { get; init; }

    /// <summary>The last certification (store or configuration).</summary>
    public DateTimeOffset? LastCertifiedAt { get; init; }

    /// <summary>
    /// Certificates attached through the admin API, current and retired, by thumbprint. Non-empty: the
    /// workload is pinned and only its current attached certificates are accepted.
    /// </summary>
    public FrozenDictionary<string, AttachedCertificate> Certificates { get; init; } = FrozenDictionary<string, AttachedCertificate>.Empty;

    /// <summary>Approved exceptions and break-glass grants (whether each is in force depends on the time).</summary>
    public ImmutableArray<AccessGrant> Grants { get; init; } = [];

    /// <summary>
    /// When certification lapses: last certification + review cadence + <paramref name="grace"/>. Never
    /// certified: already lapsed. Null when the workload is not certification-governed.
    /// </summary>
    public DateTimeOffset? CertificationLapsesAt(TimeSpan grace) => Stewardship is null
        ? null
        : LastCertifiedAt is { } certified ? certified + Stewardship.ReviewCadence + grace : DateTimeOffset.MinValue;
}
