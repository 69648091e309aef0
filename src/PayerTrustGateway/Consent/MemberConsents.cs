using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>The current version of every consent on record for one member, as of one store position.</summary>
/// <param name="MemberKey">The member.</param>
/// <param name="Records">Current versions (any status), for every partner.</param>
/// <param name="Position">The store's change position the read reflects.</param>
internal sealed record MemberConsents(string MemberKey, ImmutableArray<ConsentRecord> Records, long Position);
