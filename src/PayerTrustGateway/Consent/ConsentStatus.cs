namespace PayerTrustGateway.Consent;

/// <summary>The state of one consent version.</summary>
internal enum ConsentStatus
{
    /// <summary>In force within its period.</summary>
    Active,

    /// <summary>Withdrawn; final.</summary>
    Revoked,

    /// <summary>Active but past its period end (computed at request time from <see cref="TimeProvider"/>, never stored).</summary>
    Expired,

    /// <summary>An earlier version replaced by a later one of the same consent.</summary>
    Superseded,
}
