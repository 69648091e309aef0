namespace PayerTrustGateway.Hosting;

/// <summary>The gateway's two listeners (<c>TrustGateway:Listeners</c>).</summary>
public sealed class ListenersOptions
{
    public const string SectionName = "TrustGateway:Listeners";

    /// <summary>The partner listener: HTTPS with client certificates, serves the proxied FHIR routes.</summary>
    public PartnerListenerOptions Partner { get; set; } = new();

    /// <summary>The admin listener: health and operations, loopback by default, never reachable with a partner credential.</summary>
    public AdminListenerOptions Admin { get; set; } = new();
}

/// <summary>Partner listener settings.</summary>
public sealed class PartnerListenerOptions
{
    /// <summary>IP address to bind. Default 0.0.0.0.</summary>
    public string Address { get; set; } = "0.0.0.0";

    /// <summary>TCP port; 0 picks a free one. Default 8443.</summary>
    public int Port { get; set; } = 8443;

    /// <summary>PEM file with the gateway's server certificate (leaf first, then intermediates).</summary>
    public string? CertificatePath { get; set; }

    /// <summary>PEM file with the server certificate's private key.</summary>
    public string? KeyPath { get; set; }
}

/// <summary>Admin listener settings.</summary>
public sealed class AdminListenerOptions
{
    /// <summary>IP address to bind. Default 127.0.0.1: keep it off partner-reachable networks.</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one. Default 8081.</summary>
    public int Port { get; set; } = 8081;
}
