using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// OCSP on the partner listener, over real mutual TLS: plan-a's workload certificate is asked about at its CA's
/// responder (from the certificate's AIA or the configured ResponderUrl) after the certificate otherwise passed, in
/// addition to the partner's CRL. Revoked is refused; no answer is refused unless the partner is fail-open.
/// </summary>
public sealed class OcspRevocationTests : IClassFixture<TestPkiFixture>
{
    private readonly TestPki _pki;

    public OcspRevocationTests(TestPkiFixture fixture) => _pki = fixture.Pki;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Request_ResponderSaysGood_IsForwardedAndTheAnswerReused(bool responderFromAia)
    {
        using var ca = DevCertificateAuthority.CreateRoot("OCSP Plan A CA", TimeProvider.System);
        await using var responder = await FakeOcspResponder.StartAsync(ca.Certificate, TimeProvider.System);
        using var leaf = Leaf(ca, responderFromAia ? responder.Url : null);
        await using var host = await StartAsync(ca, settings =>
        {
            // OCSP comes in addition to the partner's CRL, which says good too.
            settings["TrustGateway:Partners:plan-a:Revocation:Mode"] = "Crl";
            settings["TrustGateway:Partners:plan-a:Revocation:CrlFiles:0"] = _pki.WriteBytes($"{Guid.NewGuid():N}.crl", ca.BuildCrl([], TimeSpan.FromDays(1), 1));
            if (!responderFromAia)
            {
                settings["TrustGateway:Partners:plan-a:Revocation:Ocsp:ResponderUrl"] = responder.Url.ToString();
            }
        });
        using var client = await host.CreateAuthorizedClientAsync(leaf);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(testCase));
        // The token request asked; the FHIR request reused the good answer.
        Assert.Equal(1, responder.Requests);
        var record = AuditAssert.Allowed(host, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        Assert.Contains("ocsp=good", record.Evidence);
    }

    [Fact]
    public async Task Request_ResponderSaysRevoked_Returns401ClientCertificateRevokedAndNothingForwarded()
    {
        using var ca = DevCertificateAuthority.CreateRoot("OCSP Plan A CA", TimeProvider.System);
        await using var responder = await FakeOcspResponder.StartAsync(ca.Certificate, TimeProvider.System);
        responder.Mode = OcspResponderMode.Revoked;
        using var leaf = Leaf(ca, responder.Url);
        await using var host = await StartAsync(ca, settings =>
        {
            // The CRL does not list the certificate: the refusal is OCSP's.
            settings["TrustGateway:Partners:plan-a:Revocation:Mode"] = "Crl";
            settings["TrustGateway:Partners:plan-a:Revocation:CrlFiles:0"] = _pki.WriteBytes($"{Guid.NewGuid():N}.crl", ca.BuildCrl([], TimeSpan.FromDays(1), 1));
        });
        using var client = host.CreateClient(leaf);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Unauthorized, "client-certificate-revoked", "Bearer", "invalid_token");
        var record = AuditAssert.Single(host, response);
        Assert.Equal("ocsp=revoked", Assert.Single(record.Evidence));
        Assert.Null(record.Workload);
    }

    [Fact]
    public async Task Request_ResponderDownAndFailClosed_Returns401RevocationStatusUnknownAndNothingForwarded()
    {
        using var ca = DevCertificateAuthority.CreateRoot("OCSP Plan A CA", TimeProvider.System);
        using var leaf = Leaf(ca, DownResponder());
        await using var host = await StartAsync(ca);
        using var client = host.CreateClient(leaf);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));

        await DenialAssert.RefusedAsync(response, host, testCase, HttpStatusCode.Unauthorized, "revocation-status-unknown", "Bearer", "invalid_token");
        Assert.Equal("ocsp=unknown:unreachable", Assert.Single(AuditAssert.Single(host, response).Evidence));
    }

    [Fact]
    public async Task Request_ResponderDownAndFailOpen_IsForwardedAndCounted()
    {
        using var ca = DevCertificateAuthority.CreateRoot("OCSP Plan A CA", TimeProvider.System);
        using var leaf = Leaf(ca, DownResponder());
        await using var host = await StartAsync(ca, settings => settings["TrustGateway:Partners:plan-a:Revocation:Ocsp:FailOpen"] = "true");
        using var failOpen = CountFailOpen(host, out var counted);
        using var client = await host.CreateAuthorizedClientAsync(leaf);
        var testCase = Guid.NewGuid().ToString("N");

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(testCase));
        // Nothing definitive is cached: the token request and the FHIR request each failed open.
        Assert.Equal(2, counted());
        var record = AuditAssert.Allowed(host, Assert.Single(response.Headers.GetValues("X-Request-Id")));
        Assert.Contains("ocsp=fail-open:unreachable", record.Evidence);
    }

    private async Task<GatewayTestHost> StartAsync(DevCertificateAuthority ca, Action<Dictionary<string, string?>>? configure = null)
    {
        var anchorPath = _pki.WriteBytes($"{Guid.NewGuid():N}.crt", System.Text.Encoding.ASCII.GetBytes(ca.Certificate.ExportCertificatePem()));
        return await GatewayTestHost.StartAsync(_pki, settings =>
        {
            settings["TrustGateway:Partners:plan-a:TrustAnchors:0"] = anchorPath;
            settings["TrustGateway:Partners:plan-a:Revocation:Mode"] = "None";
            settings["TrustGateway:Partners:plan-a:Revocation:Ocsp:Enabled"] = "true";
            configure?.Invoke(settings);
        });
    }

    private static X509Certificate2 Leaf(DevCertificateAuthority ca, Uri? responder) =>
        ca.IssueLeaf(new LeafCertificateSpec("claims-sync")
        {
            SanUris = [TestPki.PlanAWorkloadUri],
            OcspUris = responder is null ? [] : [responder.ToString()],
        });

    private static Uri DownResponder() => new($"http://127.0.0.1:{LoopbackTestServer.UnusedPort()}/ocsp");

    // Counts ptg.partners.ocsp.fail_open from this host's meters only (other hosts run in parallel).
    private static MeterListener CountFailOpen(GatewayTestHost host, out Func<long> counted) =>
        MeterCounter.Count(host.Services, "ptg.partners.ocsp.fail_open", out counted);
}
