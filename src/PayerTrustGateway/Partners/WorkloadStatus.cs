namespace PayerTrustGateway.Partners;

/// <summary>Lifecycle state of a partner workload (request → provision → certify → active → suspend → retire). Only <see cref="Active"/> passes.</summary>
public enum WorkloadStatus
{
    /// <summary>The workload may call.</summary>
    Active,

    /// <summary>Temporarily refused; may be reinstated.</summary>
    Suspended,

    /// <summary>Permanently refused.</summary>
    Retired,

    /// <summary>Asked for through the admin API; not yet provisioned. Refused.</summary>
    Requested,

    /// <summary>Identity provisioned (certificate or SAN registered); awaiting its first certification. Refused.</summary>
    Provisioned,
}
