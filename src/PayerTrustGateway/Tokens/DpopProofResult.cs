using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tokens;

/// <summary>The outcome of validating one DPoP proof (replay is checked by the caller).</summary>
/// <param name="Reason"><see cref="DenyReason.None"/> when valid.</param>
/// <param name="Detail">Why, for the log.</param>
/// <param name="JwkThumbprint">RFC 7638 thumbprint (base64url) of the proof's key.</param>
/// <param name="ReplayKey">Key identifying this proof for replay detection: thumbprint and jti.</param>
/// <param name="ReplayUntil">Until when the proof must be remembered (end of its acceptance window).</param>
internal sealed record DpopProofResult(DenyReason Reason, string Detail, string? JwkThumbprint = null, string? ReplayKey = null, DateTimeOffset ReplayUntil = default)
{
    public static DpopProofResult Deny(DenyReason reason, string detail) => new(reason, detail);
}
