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

    /// <summary>"partner/workload".</summary>
    public string QualifiedId { get; } = PartnerId + "/" + WorkloadId;

    /// <summary>The evidence entry naming the workload, built once per subject.</summary>
    public string WorkloadEvidence { get; } = "workload=" + PartnerId + "/" + WorkloadId;
}
