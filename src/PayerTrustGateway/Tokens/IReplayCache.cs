namespace PayerTrustGateway.Tokens;

/// <summary>
/// Remembers one-time identifiers (DPoP proof jtis, single-use token jtis, client assertion jtis) until
/// they expire. Shared by all gateway instances in the scale-out form (a later issue adds Redis).
/// </summary>
internal interface IReplayCache
{
    /// <summary>
    /// Records <paramref name="key"/> until <paramref name="expiresAt"/>. False when it was already recorded
    /// and has not expired (a replay), or when it cannot be recorded at all (fail closed).
    /// </summary>
    ValueTask<bool> TryRecordAsync(string key, DateTimeOffset expiresAt, CancellationToken cancellationToken);
}
