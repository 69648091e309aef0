using Microsoft.Extensions.FileProviders;

namespace PayerTrustGateway.Hosting;

/// <summary>Owns the polling file provider of the <c>--config</c> file, so the container disposes it with the application.</summary>
internal sealed class ConfigurationFileProvider(PhysicalFileProvider provider) : IDisposable
{
    public void Dispose() => provider.Dispose();
}
