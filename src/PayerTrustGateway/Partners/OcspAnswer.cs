namespace PayerTrustGateway.Partners;

/// <summary>
/// The outcome of one OCSP check: <see cref="RevocationCheck.Good"/> or <see cref="RevocationCheck.Revoked"/>
/// when definitive, otherwise <see cref="RevocationCheck.Unknown"/> with the <see cref="Failure"/> that made it so.
/// </summary>
internal readonly record struct OcspAnswer(RevocationCheck Status, OcspFailure Failure, DateTimeOffset ThisUpdate, DateTimeOffset? NextUpdate)
{
    public static OcspAnswer Unknown(OcspFailure failure) => new(RevocationCheck.Unknown, failure, default, null);

    /// <summary>Whether a definitive answer still counts at <paramref name="now"/>: nextUpdate not passed, thisUpdate within <paramref name="maxAge"/>.</summary>
    public bool IsCurrentAt(DateTimeOffset now, TimeSpan maxAge) =>
        Status != RevocationCheck.Unknown
        && now - ThisUpdate <= maxAge
        && (NextUpdate is not { } next || now <= next);
}
