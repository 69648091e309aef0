using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>The members whose consents changed after one store position, up to <paramref name="Position"/>.</summary>
internal sealed record ConsentChanges(ImmutableArray<string> MemberKeys, long Position);
