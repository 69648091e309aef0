using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Rotating the gateway's signing key under traffic: nothing signed before the rotation stops verifying until the overlap ends.</summary>
public sealed class SigningKeyRotationTests
{
    [Fact]
    public async Task Rotation_UnderTraffic_EveryRequestServed_OldTokensVerifyDuringOverlap_OldKeyGoneAfter()
    {
        using var pki = new TestPki();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await GatewayTestHost.StartAsync(pki, services: services => services.AddSingleton<TimeProvider>(time));
        var partnerToken = await host.GetTokenAsync(pki.PlanAValid);
        var oldKid = new JsonWebToken(partnerToken).Kid;
        using var client = host.CreateClient(pki.PlanAValid);
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", partnerToken);
        var testCase = Guid.NewGuid().ToString("N");

        // Four workers send requests while the key is rotated on the admin API half-way through.
        var rotated = new TaskCompletionSource<JsonDocument>(TaskCreationOptions.RunContinuationsAsynchronously);
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 12; i++)
            {
                using var request = CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase);
                using var response = await client.SendAsync(request);
                statuses.Add(response.StatusCode);
                if (worker == 0 && i == 5)
                {
                    rotated.SetResult(await RotateAsync(host));
                }
            }

            return statuses;
        })).ToList();
        var results = await Task.WhenAll(workers);
        using var rotation = await rotated.Task;

        Assert.All(results.SelectMany(statuses => statuses), status => Assert.Equal(HttpStatusCode.OK, status));
        var newKid = rotation.RootElement.GetProperty("signing").GetString();
        Assert.NotEqual(oldKid, newKid);

        // Every downstream token, before and after the rotation, verifies against the published JWKS.
        var forwarded = host.Backend.ReceivedFor(testCase);
        Assert.Equal(48, forwarded.Count);
        var kids = new HashSet<string>();
        foreach (var request in forwarded)
        {
            var (header, _) = await DownstreamTokenVerifier.VerifyAsync(host, request, partnerToken, time);
            kids.Add(header["kid"]!.GetValue<string>());
        }

        string[] both = [.. new[] { oldKid, newKid! }.Order(StringComparer.Ordinal)];
        Assert.Equal(both, kids.Order(StringComparer.Ordinal));
        Assert.Equal(both, (await PublishedKidsAsync(host)).Order(StringComparer.Ordinal));

        // The partner token signed with the old key is still accepted during the overlap.
        using (var stillValid = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", Guid.NewGuid().ToString("N"))))
        {
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        }

        // After the overlap the old key is no longer published; fresh tokens carry the new kid.
        time.Advance(TimeSpan.FromMinutes(66));
        Assert.Equal([newKid!], await PublishedKidsAsync(host));
        var freshToken = await host.GetTokenAsync(pki.PlanAValid);
        Assert.Equal(newKid, new JsonWebToken(freshToken).Kid);
    }

    [Fact]
    public async Task RotateWithoutAdminToken_Returns401_AndKeepsTheKey()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var admin = host.CreateAnonymousAdminClient();
        var before = await PublishedKidsAsync(host);

        using var response = await admin.PostAsync(new Uri("/admin/keys/rotate", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        OperationOutcomeAssert.HasIssue(await response.Content.ReadAsStringAsync(), Hl7.Fhir.Model.OperationOutcome.IssueType.Login, "admin-token-missing");
        Assert.Equal(before, await PublishedKidsAsync(host));
    }

    [Fact]
    public async Task KeyAdmin_IsNotServedOnThePartnerListener()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        using var client = await host.CreateAuthorizedClientAsync(pki.PlanAValid);

        using var response = await client.PostAsync(new Uri("/admin/keys/rotate", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        OperationOutcomeAssert.HasIssue(await response.Content.ReadAsStringAsync(), Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound, "route-not-found");
    }

    [Fact]
    public async Task Jwks_CanBeLimitedToTheAdminListener()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki, settings => settings["TrustGateway:SigningKeys:JwksListeners:0"] = "Admin");
        using var client = host.CreateClient(pki.PlanAValid);

        using var partner = await client.GetAsync(new Uri("/.well-known/jwks.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, partner.StatusCode);
        Assert.Single(await PublishedKidsAsync(host));
    }

    private static async Task<JsonDocument> RotateAsync(GatewayTestHost host)
    {
        using var admin = host.CreateAdminClient("security-admin@this-payer", PayerTrustGateway.Admin.AdminRoles.SecurityAdmin);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys/rotate");
        using var response = await admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }

    private static async Task<List<string>> PublishedKidsAsync(GatewayTestHost host) =>
        [.. (await DownstreamTokenVerifier.FetchJwksAsync(host)).Keys.Select(key => key.Kid)];
}
