namespace PayerTrustGateway.Audit;

/// <summary>
/// A signed statement of an instance's chain head: "record <see cref="Sequence"/> has hash <see cref="Hash"/>".
/// <see cref="Signature"/> is a compact JWS (<c>typ</c> <c>audit-checkpoint+jwt</c>) by the gateway signing
/// key over instance, sequence, hash and time, so the trail up to it cannot be rewritten without that key.
/// </summary>
internal sealed record AuditCheckpoint(string Instance, long Sequence, string Hash, DateTimeOffset Time, string KeyId, string Signature);
