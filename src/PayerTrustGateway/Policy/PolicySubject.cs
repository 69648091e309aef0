using System.Collections.Immutable;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>Who is asking, as the policy sees it: the authenticated workload and what its token grants.</summary>
internal sealed record PolicySubject(
    string PartnerId,
    string WorkloadId,
    ImmutableArray<string> Tags,
    ActorKind ActorKind,
    TokenBinding Binding,
    ImmutableArray<string> Scopes,
    ImmutableArray<string> PurposesOfUse)
{
    public SmartScopeSet SmartScopes { get; } = SmartScopeSet.From(Scopes);
}
