namespace PayerTrustGateway.Partners;

/// <summary>Lifecycle state of a partner workload. Only <see cref="Active"/> passes.</summary>
public enum WorkloadStatus
{
    /// <summary>The workload may call.</summary>
    Active,

    /// <summary>Temporarily refused; may be reinstated.</summary>
    Suspended,

    /// <summary>Permanently refused.</summary>
    Retired,
}
