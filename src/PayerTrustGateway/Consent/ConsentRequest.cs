using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>What one member request needs a consent to cover.</summary>
/// <param name="MemberKey">The member the request is scoped to.</param>
/// <param name="PartnerId">The calling partner.</param>
/// <param name="PurposesOfUse">The token's purposes of use.</param>
/// <param name="ResourceTypes">Every resource type the request reads or can reach.</param>
internal sealed record ConsentRequest(string MemberKey, string PartnerId, ImmutableArray<string> PurposesOfUse, ImmutableArray<string> ResourceTypes);
