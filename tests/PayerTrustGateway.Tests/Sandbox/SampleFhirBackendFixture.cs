using System.Net;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using PayerTrustGateway.Sandbox;
// Hl7.Fhir.Model has a FHIR Task resource; async methods mean the TPL one.
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.Sandbox;

/// <summary>
/// One sample backend on an ephemeral loopback port and one client for it, shared by a test class.
/// The backend is immutable, so tests cannot affect one another through it.
/// </summary>
public sealed class SampleFhirBackendFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly FhirJsonDeserializer _deserializer = new();
    private SampleFhirBackend? _backend;
    private HttpClient? _client;

    internal SampleFhirBackend Backend =>
        _backend ?? throw new InvalidOperationException("The fixture has not been initialized.");

    internal HttpClient Client =>
        _client ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        _backend = await SampleFhirBackend.StartAsync(IPAddress.Loopback, 0, timeout.Token);
        _client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = new Uri(_backend.BaseAddress, "fhir/"),
        };
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_backend is not null)
        {
            await _backend.DisposeAsync();
        }
    }

    /// <summary>Parses a response body with the Firely deserializer, as a FHIR client would.</summary>
    internal async Task<T> ReadResourceAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : Resource
    {
        var json = await response.Content.ReadAsStringAsync(cancellationToken);
        return _deserializer.Deserialize<T>(json);
    }
}
