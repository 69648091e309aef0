using System.Net;
using System.Net.Http.Headers;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.EndToEnd;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Sandbox;

/// <summary>The sandbox's sample backend authorises as a real backend should: only the gateway's downstream token, checked against the JWKS.</summary>
public sealed class SampleBackendTokenCheckTests
{
    [Fact]
    public async Task SampleBackend_AcceptsOnlyTheGatewaysDownstreamToken()
    {
        using var pki = new TestPki();
        await using var host = await GatewayTestHost.StartAsync(pki);
        var check = new SampleTokenCheck(
            new Uri($"http://127.0.0.1:{host.AdminPort}/.well-known/jwks.json"),
            host.PartnerBase.GetLeftPart(UriPartial.Authority),
            TestGatewayConfiguration.BackendAudience);
        await using var backend = await SampleFhirBackend.StartAsync(IPAddress.Loopback, 0, CancellationToken.None, check);

        // A real downstream token, as the gateway forwarded it to the test backend.
        var partnerToken = await host.GetTokenAsync(pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");
        using (var client = host.CreateClient(pki.PlanAValid))
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", partnerToken);
            using var forwarded = await client.SendAsync(CertificateAuthenticationTests.Get("/fhir/Patient/member-1001", testCase));
            Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        }

        var downstream = Assert.Single(host.Backend.ReceivedFor(testCase)).Header("Authorization")!["Bearer ".Length..];
        using var direct = new HttpClient { BaseAddress = backend.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(direct, downstream));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(direct, null));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(direct, partnerToken)); // the partner's token: wrong audience
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(direct, downstream[..^4] + "AAAA")); // signature broken
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(direct, downstream, dpop: "x")); // a partner credential beside it
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string? token, string? dpop = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "fhir/Patient/member-1001");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (dpop is not null)
        {
            request.Headers.Add("DPoP", dpop);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
