namespace PayerTrustGateway.Consent;

/// <summary>One stored version of a consent in the registry.</summary>
/// <param name="Id">The registry's consent id (stable across versions).</param>
/// <param name="Version">1 for the first capture; each revision or revocation adds one.</param>
/// <param name="Terms">What this version authorises.</param>
/// <param name="Status">Stored state of this version: <see cref="ConsentStatus.Active"/>, <see cref="ConsentStatus.Revoked"/> or, for an older version, <see cref="ConsentStatus.Superseded"/>.</param>
/// <param name="Change">What made this version: <c>captured</c>, <c>revised</c> or <c>revoked</c>.</param>
/// <param name="ChangedBy">Who recorded the change.</param>
/// <param name="ChangedAt">When the change was committed.</param>
/// <param name="Reason">Why (for revocations), if given.</param>
internal sealed record ConsentRecord(
    string Id,
    int Version,
    ConsentTerms Terms,
    ConsentStatus Status,
    string Change,
    string ChangedBy,
    DateTimeOffset ChangedAt,
    string? Reason)
{
    /// <summary>The status as of <paramref name="now"/>: an active consent past its period end is <see cref="ConsentStatus.Expired"/>.</summary>
    public ConsentStatus StatusAt(DateTimeOffset now) =>
        Status == ConsentStatus.Active && now >= Terms.PeriodEnd ? ConsentStatus.Expired : Status;
}
