using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Tests.TestSupport;
using Task = System.Threading.Tasks.Task;

namespace PayerTrustGateway.Tests.EndToEnd;

/// <summary>Inbound access tokens (RFC 8725, 9068, 6750, 8705) on a proxied route, over mutual TLS with a valid certificate.</summary>
public sealed class AccessTokenTests : IClassFixture<GatewayFixture>
{
    private const string Path = "/fhir/Patient/member-1001";
    private readonly GatewayFixture _fixture;

    public AccessTokenTests(GatewayFixture fixture) => _fixture = fixture;

    private GatewayTestHost Host => _fixture.Host;

    private TestPki Pki => _fixture.Pki;

    public static TheoryData<string, string> InvalidTokens => new()
    {
        { "malformed", "token-invalid" },
        { "alg-none", "token-invalid" },
        { "hs256-with-issuer-public-key", "token-invalid" },
        { "unknown-kid", "token-invalid" },
        { "iss-trailing-slash", "token-invalid" },
        { "aud-of-another-resource", "token-invalid" },
        { "typ-jwt", "token-invalid" },
        { "typ-missing", "token-invalid" },
        { "crit-exp", "token-invalid" },
        { "crit-unknown", "token-invalid" },
        { "scope-array", "token-invalid" },
        { "scope-number", "token-invalid" },
        { "duplicate-member", "token-invalid" },
        { "client-id-missing", "token-invalid" },
        { "jti-missing", "token-invalid" },
        { "signed-by-another-key", "token-invalid" },
        { "expired-61s", "token-expired" },
        { "nbf-in-future", "token-expired" },
        { "lifetime-above-maximum", "token-expired" },
        { "cnf-of-another-certificate", "token-certificate-mismatch" },
        { "cnf-padded", "token-certificate-mismatch" },
        { "cnf-standard-base64", "token-certificate-mismatch" },
        { "cnf-non-canonical-base64url", "token-certificate-mismatch" },
        { "token-of-another-partner", "token-client-mismatch" },
        { "dpop-bound-as-bearer", "token-scheme-mismatch" },
        { "no-cnf-on-binding-route", "token-not-sender-constrained" },
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Request_InvalidToken_Returns401InvalidTokenAndNothingForwarded(string variant, string reasonCode)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(Path, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(variant));

        using var response = await client.SendAsync(request);

        var issueType = reasonCode == "token-expired" ? OperationOutcome.IssueType.Expired : OperationOutcome.IssueType.Login;
        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, reasonCode, "Bearer", "invalid_token", issueType);
    }

    [Fact]
    public async Task Request_NoToken_Returns401ChallengeWithoutError()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(Pki.PlanAValid);

        using var response = await client.SendAsync(CertificateAuthenticationTests.Get(Path, testCase));

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, "token-missing", "Bearer", null);
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer a b")]
    public async Task Request_MalformedAuthorization_Returns400InvalidRequest(string authorization)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(Path, testCase);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        using var response = await client.SendAsync(request);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.BadRequest, "token-request-malformed", "Bearer", "invalid_request", OperationOutcome.IssueType.Structure);
    }

    [Fact]
    public async Task Request_TokenInQuery_Returns400InvalidRequest()
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(Path + "?access_token=" + Token("valid"), testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token("valid"));

        using var response = await client.SendAsync(request);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.BadRequest, "token-request-malformed", "Bearer", "invalid_request", OperationOutcome.IssueType.Structure);
    }

    [Theory]
    [InlineData("valid")]
    [InlineData("typ-uppercase")]
    [InlineData("typ-media-type")]
    public async Task Request_ValidExternalIssuerToken_IsForwardedWithoutTheToken(string variant)
    {
        var testCase = Guid.NewGuid().ToString("N");
        using var client = Host.CreateClient(Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(Path, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(variant));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(Host.Backend.ReceivedFor(testCase));
        await DownstreamTokenVerifier.VerifyAsync(Host, forwarded, request.Headers.Authorization.Parameter);
        Assert.Equal("plan-a", forwarded.Header("X-Partner-Id"));
    }

    [Fact]
    public async Task Request_BoundTokenOverNewTlsConnectionWithSameCertificate_IsForwarded()
    {
        var token = await Host.GetTokenAsync(Pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");
        using var freshConnection = Host.CreateClient(Pki.PlanAValid);
        using var request = CertificateAuthenticationTests.Get(Path, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await freshConnection.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(Host.Backend.ReceivedFor(testCase));
    }

    [Fact]
    public async Task Request_BoundTokenWithTwinCertificateOfSameWorkload_Returns401()
    {
        var token = await Host.GetTokenAsync(Pki.PlanAValid);
        var testCase = Guid.NewGuid().ToString("N");
        using var twin = Host.CreateClient(Pki.PlanAValidTwin);
        using var request = CertificateAuthenticationTests.Get(Path, testCase);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await twin.SendAsync(request);

        await DenialAssert.RefusedAsync(response, Host, testCase, HttpStatusCode.Unauthorized, "token-certificate-mismatch", "Bearer", "invalid_token");
    }

    private string Token(string variant)
    {
        var header = TestTokens.Header(Pki);
        var claims = TestTokens.Claims(Host, Pki.PlanAValid);
        var now = TestJwt.Now();
        var thumbprint = SHA256.HashData(Pki.PlanAValid.RawData);
        switch (variant)
        {
            case "valid":
                break;
            case "malformed":
                return "not-a-jwt";
            case "alg-none":
                header["alg"] = "none";
                return TestJwt.Unsigned(header, claims);
            case "hs256-with-issuer-public-key":
                header["alg"] = "HS256";
                return TestJwt.SignHmac(header, claims, Encoding.ASCII.GetBytes(File.ReadAllText(Pki.IssuerKeyPath)));
            case "unknown-kid":
                header["kid"] = "not-a-known-key";
                break;
            case "iss-trailing-slash":
                claims["iss"] = TestGatewayConfiguration.TestIssuer + "/";
                break;
            case "aud-of-another-resource":
                claims["aud"] = "https://other-resource.example";
                break;
            case "typ-jwt":
                header["typ"] = "JWT";
                break;
            case "typ-missing":
                header.Remove("typ");
                break;
            case "typ-uppercase":
                header["typ"] = "AT+JWT";
                break;
            case "typ-media-type":
                header["typ"] = "application/at+jwt";
                break;
            case "crit-exp":
                header["crit"] = new JsonArray("exp");
                break;
            case "crit-unknown":
                header["crit"] = new JsonArray("x-unknown");
                header["x-unknown"] = true;
                break;
            case "scope-array":
                claims["scope"] = new JsonArray("system/Patient.rs");
                break;
            case "scope-number":
                claims["scope"] = 42;
                break;
            case "duplicate-member":
                // Same signature path, but the payload repeats "sub" (RFC 8725 §3.10, S3.7).
                var json = claims.ToJsonString();
                var duplicated = "{\"sub\":\"plan-b/member-match\"," + json[1..];
                return TestJwt.SignRawPayload(header, duplicated, Pki.IssuerKey);
            case "client-id-missing":
                claims.Remove("client_id");
                break;
            case "jti-missing":
                claims.Remove("jti");
                break;
            case "signed-by-another-key":
                using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return TestJwt.Sign(header, claims, other);
                }

            case "expired-61s":
                claims["iat"] = now - 400;
                claims["nbf"] = now - 400;
                claims["exp"] = now - 61;
                break;
            case "nbf-in-future":
                claims["nbf"] = now + 120;
                break;
            case "lifetime-above-maximum":
                claims["exp"] = now + 7200;
                break;
            case "cnf-of-another-certificate":
                claims["cnf"] = new JsonObject { ["x5t#S256"] = CertificateFacts.ComputeThumbprint(Pki.PlanBValid.RawData) };
                break;
            case "cnf-padded":
                claims["cnf"] = new JsonObject { ["x5t#S256"] = CertificateFacts.ComputeThumbprint(Pki.PlanAValid.RawData) + "=" };
                break;
            case "cnf-standard-base64":
                claims["cnf"] = new JsonObject { ["x5t#S256"] = Convert.ToBase64String(thumbprint) };
                break;
            case "cnf-non-canonical-base64url":
                // 43 characters whose last one carries non-zero padding bits (found by a property test).
                claims["cnf"] = new JsonObject { ["x5t#S256"] = "PmmmX3hGaCZdHR1f1no1rcLxVfB4VEw5RNDCZytJR2W" };
                break;
            case "token-of-another-partner":
                claims["client_id"] = "plan-b/member-match";
                claims["sub"] = "plan-b/member-match";
                break;
            case "dpop-bound-as-bearer":
                claims["cnf"] = new JsonObject { ["jkt"] = TestJwt.Thumbprint(Pki.IssuerKey) };
                break;
            case "no-cnf-on-binding-route":
                claims.Remove("cnf");
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(variant), variant, "unknown variant");
        }

        return TestTokens.Sign(Pki, header, claims);
    }
}
