namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// An <see cref="IHttpClientFactory"/> for unit tests of outbound clients: every name gets a client over one
/// handler with the gateway's outbound defaults (no redirects, cookies or proxy).
/// </summary>
public sealed class TestHttpClientFactory : IHttpClientFactory, IDisposable
{
    private readonly SocketsHttpHandler _handler = new() { AllowAutoRedirect = false, UseCookies = false, UseProxy = false };

    public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose() => _handler.Dispose();
}
