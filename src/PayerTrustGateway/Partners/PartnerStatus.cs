namespace PayerTrustGateway.Partners;

/// <summary>Lifecycle state of a partner organisation. Only <see cref="Active"/> passes.</summary>
public enum PartnerStatus
{
    /// <summary>The partner may call.</summary>
    Active,

    /// <summary>Temporarily refused; may be reinstated.</summary>
    Suspended,

    /// <summary>Permanently refused.</summary>
    Retired,
}
