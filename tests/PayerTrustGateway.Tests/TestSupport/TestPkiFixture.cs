namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>One generated PKI per test class, for tests that need no gateway.</summary>
public sealed class TestPkiFixture : IDisposable
{
    public TestPki Pki { get; } = new();

    public void Dispose() => Pki.Dispose();
}
