using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.TestSupport;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Partners;

/// <summary>
/// How a partner's OCSP settings turn an answer into a decision: revoked is refused even when fail-open; no
/// definitive answer is refused when fail-closed, and let through — logged with the thumbprint only and counted —
/// when fail-open. Partners without OCSP are not checked at all.
/// </summary>
public sealed class OcspEnforcementTests : IAsyncLifetime, IDisposable
{
    private const string Thumbprint = "dGh1bWJwcmludA";

    private readonly FakeTimeProvider _time = new(TimeProvider.System.GetUtcNow());
    private readonly TestHttpClientFactory _http = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly RecordingLogger<OcspEnforcement> _log = new();
    private readonly DevCertificateAuthority _ca;
    private FakeOcspResponder _responder = null!; // set in InitializeAsync, before any test runs
    private X509Certificate2 _leaf = null!;

    public OcspEnforcementTests() => _ca = DevCertificateAuthority.CreateRoot("OCSP Enforcement CA", _time);

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
        _services.Dispose();
    }

    [Fact]
    public async Task EnforceAsync_PartnerWithoutOcsp_AllowsWithoutCallingOut()
    {
        var (reason, evidence) = await Enforcement().EnforceAsync(_leaf, _ca.Certificate, Partner(null), Thumbprint, CancellationToken.None);

        Assert.Equal(DenyReason.None, reason);
        Assert.Null(evidence);
        Assert.Equal(0, _responder.Requests);
    }

    [Fact]
    public async Task EnforceAsync_Good_AllowsWithEvidence()
    {
        var (reason, evidence) = await Enforcement().EnforceAsync(_leaf, _ca.Certificate, Partner(Policy(failOpen: false)), Thumbprint, CancellationToken.None);

        Assert.Equal(DenyReason.None, reason);
        Assert.Equal("ocsp=good", evidence);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EnforceAsync_Revoked_RefusesEvenWhenFailOpen(bool failOpen)
    {
        _responder.Mode = OcspResponderMode.Revoked;

        var (reason, evidence) = await Enforcement().EnforceAsync(_leaf, _ca.Certificate, Partner(Policy(failOpen)), Thumbprint, CancellationToken.None);

        Assert.Equal(DenyReason.ClientCertificateRevoked, reason);
        Assert.Equal("ocsp=revoked", evidence);
        Assert.Empty(_log.Entries);
    }

    [Fact]
    public async Task EnforceAsync_NoDefinitiveAnswerFailClosed_RefusesAsStatusUnknown()
    {
        _responder.Mode = OcspResponderMode.ServerError;
        using var failOpen = CountFailOpen(out var counted);

        var (reason, evidence) = await Enforcement().EnforceAsync(_leaf, _ca.Certificate, Partner(Policy(failOpen: false)), Thumbprint, CancellationToken.None);

        Assert.Equal(DenyReason.RevocationStatusUnknown, reason);
        Assert.Equal("ocsp=unknown:unreachable", evidence);
        Assert.Empty(_log.Entries);
        Assert.Equal(0, counted());
    }

    [Fact]
    public async Task EnforceAsync_NoDefinitiveAnswerFailOpen_AllowsLogsThumbprintAndCounts()
    {
        _responder.Mode = OcspResponderMode.ServerError;
        using var failOpen = CountFailOpen(out var counted);

        var (reason, evidence) = await Enforcement().EnforceAsync(_leaf, _ca.Certificate, Partner(Policy(failOpen: true)), Thumbprint, CancellationToken.None);

        Assert.Equal(DenyReason.None, reason);
        Assert.Equal("ocsp=fail-open:unreachable", evidence);
        var entry = Assert.Single(_log.Entries);
        Assert.Equal(3009, entry.EventId.Id);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains(Thumbprint, entry.Message, StringComparison.Ordinal);
        Assert.Contains("plan-a", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("claims-sync", entry.Message, StringComparison.Ordinal);
        Assert.Equal(1, counted());
    }

    private OcspEnforcement Enforcement() => new(
        new OcspClient(_http, _time, NullLogger<OcspClient>.Instance),
        new OcspMetrics(_services.GetRequiredService<IMeterFactory>()),
        _log);

    private static OcspPolicy Policy(bool failOpen) => new(null, failOpen, TimeSpan.FromSeconds(2), TimeSpan.FromDays(1));

    private RegisteredPartner Partner(OcspPolicy? ocsp) =>
        new("plan-a", "Plan A", PartnerStatus.Active, [_ca.Certificate], [], RevocationMode.None, ImmutableArray<RevocationList>.Empty) { Ocsp = ocsp };

    // Counts ptg.partners.ocsp.fail_open measurements from this test's own meter factory only.
    private MeterListener CountFailOpen(out Func<long> counted) =>
        MeterCounter.Count(_services, "ptg.partners.ocsp.fail_open", out counted);
}
