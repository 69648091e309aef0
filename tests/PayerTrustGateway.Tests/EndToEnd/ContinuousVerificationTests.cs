using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>
/// Trust is re-established on every request, even on one kept-alive TLS connection: a revocation or a
/// suspension stops the very next request.
/// </summary>
public sealed class ContinuousVerificationTests
{
    [Fact]
    public async Task Request_AfterCertificateRevokedOnSameConnection_Returns401AndNothingForwarded()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        using var ca = ReissuePlanACa(pki, time, out var leaf, out var crlPath, out var anchorPath);
        await using var host = await GatewayTestHost.StartAsync(
            pki,
            settings =>
            {
                settings["TrustGateway:Partners:plan-a:TrustAnchors:0"] = anchorPath;
                settings["TrustGateway:Partners:plan-a:Revocation:CrlFiles:0"] = crlPath;
            },
            services => services.AddSingleton<TimeProvider>(time));
        using var client = await host.CreateAuthorizedClientAsync(leaf);
        var first = Guid.NewGuid().ToString("N");
        using (var allowed = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", first)))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        File.WriteAllBytes(crlPath, ca.BuildCrl([leaf], TimeSpan.FromHours(1), 2, time.GetUtcNow().AddMinutes(61)));
        time.Advance(TimeSpan.FromMinutes(61));
        var second = Guid.NewGuid().ToString("N");
        using var refused = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", second));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        OperationOutcomeAssert.HasIssue(await refused.Content.ReadAsStringAsync(), Hl7.Fhir.Model.OperationOutcome.IssueType.Login, "client-certificate-revoked");
        Assert.Single(host.Backend.ReceivedFor(first));
        Assert.Empty(host.Backend.ReceivedFor(second));
    }

    [Fact]
    public async Task Request_AfterTokenExpiredOnSameConnection_Returns401EvenThoughValidationWasCached()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await GatewayTestHost.StartAsync(pki, services: services => services.AddSingleton<TimeProvider>(time));
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", Guid.NewGuid().ToString("N")));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(31));
        var testCase = Guid.NewGuid().ToString("N");
        using var refused = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));

        await DenialAssert.RefusedAsync(refused, host, testCase, HttpStatusCode.Unauthorized, "token-expired", "Bearer", "invalid_token", Hl7.Fhir.Model.OperationOutcome.IssueType.Expired);
    }

    [Fact]
    public async Task Request_AfterPartnerSuspendedByConfigurationReload_Returns401AndNothingForwarded()
    {
        using var pki = new TestPki();
        var configFile = Path.Combine(pki.Directory, "partners.json");
        await File.WriteAllTextAsync(configFile, StatusJson("Active"));
        await using var host = await GatewayTestHost.StartAsync(pki, configFile: configFile);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var first = Guid.NewGuid().ToString("N");
        using (var allowed = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", first)))
        {
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The gateway's own last-good holder: its listeners run in order, so the registry has swapped first.
        using var subscription = host.Services.GetRequiredService<PayerTrustGateway.Hosting.LastGoodOptions<PartnersOptions>>()
            .OnChange(options => { if (options.Partners["plan-a"].Status == PartnerStatus.Suspended) { reloaded.TrySetResult(); } });
        await File.WriteAllTextAsync(configFile, StatusJson("Suspended"));
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = Guid.NewGuid().ToString("N");
        using var refused = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", second));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        OperationOutcomeAssert.HasIssue(await refused.Content.ReadAsStringAsync(), Hl7.Fhir.Model.OperationOutcome.IssueType.Login, "partner-not-active");
        Assert.Empty(host.Backend.ReceivedFor(second));
    }

    [Theory]
    [InlineData("""{ "TrustGateway": { "Partners": { "plan-a": { "Status": "Suspended", "TrustAnchors": { "1": "/nonexistent/ca.crt" } } } } }""")]
    [InlineData("""{ "TrustGateway": { "Hygiene": { "MaxRequestTargetLength": 3 } } }""")]
    [InlineData("""{ "TrustGateway": { "Policies": { "member-data": { "Partners": [ "no-such-partner" ] } } } }""")]
    public async Task Reload_InvalidConfiguration_IsRejectedAndLastGoodKeepsServing(string invalidJson)
    {
        using var pki = new TestPki();
        var configFile = Path.Combine(pki.Directory, "partners.json");
        await File.WriteAllTextAsync(configFile, StatusJson("Active"));
        await using var host = await GatewayTestHost.StartAsync(pki, configFile: configFile);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);
        var configuration = host.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = configuration.GetReloadToken().RegisterChangeCallback(_ => reloaded.TrySetResult(), null);

        await File.WriteAllTextAsync(configFile, invalidJson);
        await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var testCase = Guid.NewGuid().ToString("N");
        using var response = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(host.Backend.ReceivedFor(testCase));
    }

    private static string StatusJson(string status) =>
        $$"""{ "TrustGateway": { "Partners": { "plan-a": { "Status": "{{status}}" } } } }""";

    // A plan-a CA whose CRL lifetime is short and whose clock is the fake one.
    private static DevCertificateAuthority ReissuePlanACa(TestPki pki, TimeProvider time, out System.Security.Cryptography.X509Certificates.X509Certificate2 leaf, out string crlPath, out string anchorPath)
    {
        var ca = DevCertificateAuthority.CreateRoot("Continuous Plan A CA", time);
        leaf = ca.IssueLeaf(new LeafCertificateSpec("claims-sync") { SanUris = [TestPki.PlanAWorkloadUri] });
        anchorPath = pki.WriteBytes("continuous-ca.crt", System.Text.Encoding.ASCII.GetBytes(ca.Certificate.ExportCertificatePem()));
        crlPath = pki.WriteBytes("continuous.crl", ca.BuildCrl([], TimeSpan.FromHours(1), 1));
        return ca;
    }
}
