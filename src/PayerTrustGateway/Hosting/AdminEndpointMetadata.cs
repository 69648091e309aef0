namespace PayerTrustGateway.Hosting;

/// <summary>Endpoint metadata marking an endpoint as served on the admin listener only.</summary>
internal sealed class AdminEndpointMetadata
{
    public static readonly AdminEndpointMetadata Instance = new();

    private AdminEndpointMetadata()
    {
    }
}

/// <summary>Endpoint metadata for an endpoint served on every listener (it decides itself where it answers).</summary>
internal sealed class AnyListenerEndpointMetadata
{
    public static readonly AnyListenerEndpointMetadata Instance = new();

    private AnyListenerEndpointMetadata()
    {
    }
}
