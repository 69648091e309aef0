using System.Collections.Immutable;
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
}
