using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Partners;

/// <summary>
/// The OCSP client against a responder on loopback, on a fake clock: each RFC 6960 acceptance rule refused on its
/// own, delegated responders, the timeout, and what is cached (definitive answers) and what is not (anything else).
/// </summary>
public sealed class OcspClientTests : IAsyncLifetime, IDisposable
{
    private static readonly OcspPolicy Policy = new(null, FailOpen: false, TimeSpan.FromSeconds(2), TimeSpan.FromDays(1));

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly TestHttpClientFactory _http = new();
    private readonly DevCertificateAuthority _ca;
    private FakeOcspResponder _responder = null!; // set in InitializeAsync, before any test runs
    private X509Certificate2 _leaf = null!; // names the responder in its AIA, so it is issued once the responder runs

    public OcspClientTests() => _ca = DevCertificateAuthority.CreateRoot("OCSP Test CA", _time);

    public async Task InitializeAsync()
    {
        _responder = await FakeOcspResponder.StartAsync(_ca.Certificate, _time);
        _leaf = _ca.IssueLeaf(new LeafCertificateSpec("claims-sync") { OcspUris = [_responder.Url.ToString()] });
    }

    public async Task DisposeAsync() => await _responder.DisposeAsync();

    public void Dispose()
    {
        _leaf.Dispose();
        _ca.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task CheckAsync_GoodFromIssuer_ReturnsGoodWithItsTimes()
    {
        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Good, answer.Status);
        Assert.Equal(OcspFailure.None, answer.Failure);
        Assert.Equal(_time.GetUtcNow().ToUnixTimeSeconds(), answer.ThisUpdate.ToUnixTimeSeconds());
        Assert.Equal((_time.GetUtcNow() + _responder.Validity).ToUnixTimeSeconds(), answer.NextUpdate?.ToUnixTimeSeconds());
        Assert.Equal(1, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_Revoked_ReturnsRevoked()
    {
        _responder.Mode = OcspResponderMode.Revoked;

        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Revoked, answer.Status);
    }

    [Theory]
    [InlineData(OcspResponderMode.Unknown, nameof(OcspFailure.StatusUnknown))]
    [InlineData(OcspResponderMode.WrongKey, nameof(OcspFailure.SignatureInvalid))]
    [InlineData(OcspResponderMode.Stale, nameof(OcspFailure.Stale))]
    [InlineData(OcspResponderMode.FromTheFuture, nameof(OcspFailure.NotYetValid))]
    [InlineData(OcspResponderMode.NonceMismatch, nameof(OcspFailure.NonceMismatch))]
    [InlineData(OcspResponderMode.OtherCertificate, nameof(OcspFailure.CertificateIdMismatch))]
    [InlineData(OcspResponderMode.TryLater, nameof(OcspFailure.Unsuccessful))]
    [InlineData(OcspResponderMode.Garbage, nameof(OcspFailure.Malformed))]
    [InlineData(OcspResponderMode.ServerError, nameof(OcspFailure.Unreachable))]
    public async Task CheckAsync_NoDefinitiveAnswer_ReturnsUnknownWithReason(OcspResponderMode mode, string failure)
    {
        _responder.Mode = mode;

        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Unknown, answer.Status);
        Assert.Equal(Enum.Parse<OcspFailure>(failure), answer.Failure);
    }

    [Fact]
    public async Task CheckAsync_NoNonceEchoed_AcceptsPreProducedResponse()
    {
        _responder.Mode = OcspResponderMode.NoNonce;

        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Good, answer.Status);
    }

    [Fact]
    public async Task CheckAsync_ResponderHangs_TimesOutOnTheInjectedClock()
    {
        _responder.Mode = OcspResponderMode.Hang;
        var check = Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None).AsTask();
        await _responder.Hanging.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(check.IsCompleted);

        _time.Advance(Policy.Timeout);
        var answer = await check.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(RevocationCheck.Unknown, answer.Status);
        Assert.Equal(OcspFailure.Timeout, answer.Failure);
    }

    [Fact]
    public async Task CheckAsync_ConcurrentChecksOfOneCertificate_ShareOneRequest()
    {
        _responder.Mode = OcspResponderMode.Hang;
        var client = Client();
        var first = client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None).AsTask();
        var second = client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None).AsTask();
        await _responder.Hanging.WaitAsync(TimeSpan.FromSeconds(30));

        _time.Advance(Policy.Timeout);
        var answers = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.All(answers, answer => Assert.Equal(OcspFailure.Timeout, answer.Failure));
        Assert.Equal(1, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_DelegatedResponderWithOcspSigning_ReturnsGood()
    {
        using var delegated = _ca.IssueLeaf(new LeafCertificateSpec("OCSP responder") { ExtendedKeyUsages = [LeafCertificateSpec.OcspSigning] });
        _responder.DelegatedSigner = delegated;

        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Good, answer.Status);
    }

    [Fact]
    public async Task CheckAsync_DelegatedResponderWithoutOcspSigning_ReturnsUnknownUnauthorizedSigner()
    {
        using var delegated = _ca.IssueLeaf(new LeafCertificateSpec("not a responder"));
        _responder.DelegatedSigner = delegated;

        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(OcspFailure.UnauthorizedSigner, answer.Failure);
    }

    [Fact]
    public async Task CheckAsync_DelegatedResponderOfAnotherCa_ReturnsUnknownUnauthorizedSigner()
    {
        using var otherCa = DevCertificateAuthority.CreateRoot("Other CA", _time);
        using var delegated = otherCa.IssueLeaf(new LeafCertificateSpec("OCSP responder") { ExtendedKeyUsages = [LeafCertificateSpec.OcspSigning] });
        _responder.DelegatedSigner = delegated;

        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(OcspFailure.UnauthorizedSigner, answer.Failure);
    }

    [Fact]
    public async Task CheckAsync_DelegatedResponderCertificateExpired_ReturnsUnknownUnauthorizedSigner()
    {
        using var delegated = _ca.IssueLeaf(new LeafCertificateSpec("OCSP responder")
        {
            ExtendedKeyUsages = [LeafCertificateSpec.OcspSigning],
            NotBefore = _time.GetUtcNow().AddDays(-2),
            NotAfter = _time.GetUtcNow().AddMinutes(-1),
        });
        _responder.DelegatedSigner = delegated;

        var answer = await Client().CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(OcspFailure.UnauthorizedSigner, answer.Failure);
    }

    [Fact]
    public async Task CheckAsync_GoodAnswerStillCurrent_IsServedFromCache()
    {
        var client = Client();
        await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(59));
        var answer = await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Good, answer.Status);
        Assert.Equal(1, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_GoodAnswerPastNextUpdate_AsksAgain()
    {
        var client = Client();
        await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);
        _responder.Mode = OcspResponderMode.Revoked;

        _time.Advance(_responder.Validity + TimeSpan.FromSeconds(1));
        var answer = await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Revoked, answer.Status);
        Assert.Equal(2, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_GoodAnswerOlderThanMaxResponseAge_AsksAgain()
    {
        var policy = Policy with { MaxResponseAge = TimeSpan.FromMinutes(10) };
        _responder.Validity = TimeSpan.FromDays(1);
        var client = Client();
        await client.CheckAsync(_leaf, _ca.Certificate, policy, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(11));
        await client.CheckAsync(_leaf, _ca.Certificate, policy, CancellationToken.None);

        Assert.Equal(2, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_AfterNoDefinitiveAnswer_AsksAgain()
    {
        var client = Client();
        _responder.Mode = OcspResponderMode.ServerError;
        await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        _responder.Mode = OcspResponderMode.Good;
        var answer = await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Good, answer.Status);
        Assert.Equal(2, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_RevokedAnswer_IsFinalForTheCertificate()
    {
        var client = Client();
        _responder.Mode = OcspResponderMode.Revoked;
        await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);
        _responder.Mode = OcspResponderMode.Good;

        _time.Advance(TimeSpan.FromDays(3));
        var answer = await client.CheckAsync(_leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(RevocationCheck.Revoked, answer.Status);
        Assert.Equal(1, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_ResponderUrlConfigured_OverridesTheCertificatesAia()
    {
        using var leaf = _ca.IssueLeaf(new LeafCertificateSpec("claims-sync") { OcspUris = [$"http://127.0.0.1:{LoopbackTestServer.UnusedPort()}/ocsp"] });

        var answer = await Client().CheckAsync(leaf, _ca.Certificate, Policy with { ResponderUrl = _responder.Url }, CancellationToken.None);

        Assert.Equal(RevocationCheck.Good, answer.Status);
        Assert.Equal(1, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_NoAiaAndNoResponderUrl_ReturnsUnknownWithoutCallingOut()
    {
        using var leaf = _ca.IssueLeaf(new LeafCertificateSpec("claims-sync"));

        var answer = await Client().CheckAsync(leaf, _ca.Certificate, Policy, CancellationToken.None);

        Assert.Equal(OcspFailure.NoResponder, answer.Failure);
        Assert.Equal(0, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_IssuerNotKnown_ReturnsUnknownNoIssuer()
    {
        var answer = await Client().CheckAsync(_leaf, null, Policy, CancellationToken.None);

        Assert.Equal(OcspFailure.NoIssuer, answer.Failure);
        Assert.Equal(0, _responder.Requests);
    }

    [Fact]
    public async Task CheckAsync_AnswerSignedByTheCaAboutAnotherCasCertificate_IsRefused()
    {
        // The responder (for _ca) answers good for a certificate another CA issued: the CertID's issuer hashes differ.
        using var otherCa = DevCertificateAuthority.CreateRoot("Other CA", _time);
        using var foreign = otherCa.IssueLeaf(new LeafCertificateSpec("claims-sync") { OcspUris = [_responder.Url.ToString()] });

        var answer = await Client().CheckAsync(foreign, otherCa.Certificate, Policy, CancellationToken.None);

        Assert.Equal(OcspFailure.SignatureInvalid, answer.Failure);
    }

    private OcspClient Client() => new(_http, _time, NullLogger<OcspClient>.Instance);
}
