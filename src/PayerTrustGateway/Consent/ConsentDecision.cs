using System.Collections.Immutable;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Consent;

/// <summary>The live-consent verdict for one member request (S8.5), with what decided it.</summary>
/// <param name="Reason"><see cref="DenyReason.None"/> when a consent covers the request.</param>
/// <param name="Rule">What decided, e.g. <c>consent:revoked</c>, <c>consent:data-class:Claim</c>, <c>consent:allowed</c>.</param>
/// <param name="Consent">The consent that allowed the request, or the one that came closest when refused (null when the member has none for this partner).</param>
/// <param name="Evidence">Facts used, as <c>name=value</c> (no member identifiers).</param>
internal sealed record ConsentDecision(DenyReason Reason, string Rule, ConsentRecord? Consent, ImmutableArray<string> Evidence)
{
    public bool IsAllowed => Reason == DenyReason.None;
}
