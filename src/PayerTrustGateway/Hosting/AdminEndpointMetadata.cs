namespace PayerTrustGateway.Hosting;

/// <summary>Endpoint metadata marking an endpoint as served on the admin listener only.</summary>
internal sealed class AdminEndpointMetadata
{
    public static readonly AdminEndpointMetadata Instance = new();

    private AdminEndpointMetadata()
    {
    }
}
