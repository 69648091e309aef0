namespace PayerTrustGateway.Hosting;

/// <summary>Which listener a connection arrived on.</summary>
internal enum GatewayListener
{
    /// <summary>Partner traffic: mutual TLS, proxied FHIR routes.</summary>
    Partner,

    /// <summary>Operations: health, readiness, later the admin API.</summary>
    Admin,
}
