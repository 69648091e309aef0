namespace PayerTrustGateway.Partners;

/// <summary>Where a partner or workload is defined.</summary>
public enum EstateSource
{
    /// <summary>In <c>TrustGateway:Partners</c>; the store adds lifecycle state only.</summary>
    Configuration,

    /// <summary>Registered through the admin API and kept in the embedded store.</summary>
    AdminApi,
}
