using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>
/// The gateway with a consent-bound route: <c>/p2p/fhir/...</c> (policy <c>p2p</c>, RequireConsent) for
/// plan-a and plan-b, consent data classes member/claims/clinical, Condition and the PSY label sensitive.
/// Consents are captured through the real admin API.
/// </summary>
public static class ConsentTestHost
{
    public const string PlanAOrganization = "https://plan-a.example/org";
    public const string PlanBOrganization = "https://plan-b.example/org";
    public const string SensitiveLabel = "http://terminology.hl7.org/CodeSystem/v3-ActCode|PSY";

    public static Task<GatewayTestHost> StartAsync(TestPki pki, TimeProvider? time = null, Action<Dictionary<string, string?>>? configure = null) =>
        GatewayTestHost.StartAsync(
            pki,
            settings =>
            {
                settings["TrustGateway:Partners:plan-b:OrganizationId"] = PlanBOrganization;
                settings["TrustGateway:Partners:plan-a:Workloads:claims-sync:PurposesOfUse:0"] = TestConsents.CareCoordination;
                settings["TrustGateway:Partners:plan-b:Workloads:member-match:PurposesOfUse:0"] = TestConsents.CareCoordination;
                settings["TrustGateway:Consent:DefaultPurposesOfUse:0"] = TestConsents.CareCoordination;
                settings["TrustGateway:Consent:DataClasses:member:ResourceTypes:0"] = "Patient";
                settings["TrustGateway:Consent:DataClasses:member:ResourceTypes:1"] = "Coverage";
                settings["TrustGateway:Consent:DataClasses:claims:ResourceTypes:0"] = "ExplanationOfBenefit";
                settings["TrustGateway:Consent:DataClasses:clinical:ResourceTypes:0"] = "Observation";
                settings["TrustGateway:Consent:DataClasses:clinical:ResourceTypes:1"] = "Condition";
                settings["TrustGateway:Consent:Sensitive:ResourceTypes:0"] = "Condition";
                settings["TrustGateway:Consent:Sensitive:SecurityLabels:0"] = SensitiveLabel;
                settings["TrustGateway:Policies:p2p:Partners:0"] = "plan-a";
                settings["TrustGateway:Policies:p2p:Partners:1"] = "plan-b";
                settings["TrustGateway:Policies:p2p:ResourceTypes:0"] = "Patient";
                settings["TrustGateway:Policies:p2p:ResourceTypes:1"] = "Coverage";
                settings["TrustGateway:Policies:p2p:ResourceTypes:2"] = "ExplanationOfBenefit";
                settings["TrustGateway:Policies:p2p:ResourceTypes:3"] = "Observation";
                settings["TrustGateway:Policies:p2p:ResourceTypes:4"] = "Condition";
                settings["TrustGateway:Policies:p2p:EnforceSmartScopes"] = "false";
                settings["TrustGateway:Policies:p2p:RequireConsent"] = "true";
                settings["TrustGateway:Policies:p2p:FhirBase"] = "/p2p/fhir";
                settings["ReverseProxy:Routes:p2p:ClusterId"] = "backend";
                settings["ReverseProxy:Routes:p2p:Order"] = "0";
                settings["ReverseProxy:Routes:p2p:Match:Path"] = "/p2p/fhir/{**rest}";
                settings["ReverseProxy:Routes:p2p:Metadata:TrustPolicy"] = "p2p";
                configure?.Invoke(settings);
            },
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton(time);
                }
            });

    /// <summary>The admin (token subject) who records and revokes consents in these tests.</summary>
    public const string PrivacyOffice = "privacy-office@this-payer";

    /// <summary>Captures a consent through the admin API as <see cref="PrivacyOffice"/> (platform-operator); returns the stored record's id.</summary>
    public static async Task<string> CaptureAsync(this GatewayTestHost host, JsonObject consent, string query = "")
    {
        using var admin = host.CreateAdminClient(PrivacyOffice, PayerTrustGateway.Admin.AdminRoles.PlatformOperator);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/consents" + query)
        {
            Content = new StringContent(consent.ToJsonString(), Encoding.UTF8, "application/fhir+json"),
        };
        using var response = await admin.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"capture failed: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    public static async Task RevokeAsync(this GatewayTestHost host, string consentId)
    {
        using var admin = host.CreateAdminClient(PrivacyOffice, PayerTrustGateway.Admin.AdminRoles.PlatformOperator);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/admin/consents/{consentId}/revoke?reason=member%20withdrew");
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"revoke failed: {(int)response.StatusCode}");
        _ = await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A GET on the consent route, tagged with its test case, optionally naming the backend's answer.</summary>
    public static HttpRequestMessage Get(string pathAndQuery, string testCase, string? backendAnswer = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/p2p/fhir/" + pathAndQuery);
        request.Headers.Add(FakeBackend.CaseHeader, testCase);
        if (backendAnswer is not null)
        {
            request.Headers.Add(FakeBackend.ResponseBodyHeader, Convert.ToBase64String(Encoding.UTF8.GetBytes(backendAnswer)));
        }

        return request;
    }
}
