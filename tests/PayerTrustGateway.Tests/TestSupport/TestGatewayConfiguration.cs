namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>The end-to-end configuration: three partners, two policies, two routes to the fake backend.</summary>
public static class TestGatewayConfiguration
{
    public const string ClaimsPath = "/fhir/ExplanationOfBenefit";

    public const string TestIssuer = "https://issuer.test.example";

    /// <summary>The audience of the fake backend's downstream tokens.</summary>
    public const string BackendAudience = "https://fhir.backend.test.example/r4";
    public const string PartnerScopes = "system/Patient.rs system/Coverage.rs system/ExplanationOfBenefit.rs";

    public static Dictionary<string, string?> Create(TestPki pki, Uri backend, int partnerPort)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(backend);
        return new Dictionary<string, string?>
        {
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["TrustGateway:Listeners:Partner:Address"] = "127.0.0.1",
            ["TrustGateway:Listeners:Partner:Port"] = partnerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["TrustGateway:Tokens:PublicOrigin"] = PublicOrigin(partnerPort),
            ["TrustGateway:Issuers:test:Issuer"] = TestIssuer,
            ["TrustGateway:Issuers:test:KeyFiles:0"] = pki.IssuerKeyPath,
            ["TrustGateway:Issuers:test:Audiences:0"] = PublicOrigin(partnerPort),
            ["TrustGateway:Issuers:test:Algorithms:0"] = "ES256",
            ["TrustGateway:Listeners:Partner:CertificatePath"] = pki.ServerCertificatePath,
            ["TrustGateway:Listeners:Partner:KeyPath"] = pki.ServerKeyPath,
            ["TrustGateway:Listeners:Admin:Address"] = "127.0.0.1",
            ["TrustGateway:Listeners:Admin:Port"] = "0",

            ["TrustGateway:Partners:plan-a:DisplayName"] = "Plan A",
            ["TrustGateway:Partners:plan-a:OrganizationId"] = "https://plan-a.example/org",
            ["TrustGateway:Partners:plan-a:TrustAnchors:0"] = pki.PlanACaPath,
            ["TrustGateway:Partners:plan-a:Revocation:Mode"] = "Crl",
            ["TrustGateway:Partners:plan-a:Revocation:CrlFiles:0"] = pki.PlanACrlPath,
            ["TrustGateway:Partners:plan-a:Workloads:claims-sync:SanUri"] = TestPki.PlanAWorkloadUri,
            ["TrustGateway:Partners:plan-a:Workloads:claims-sync:AssertionKeyFile"] = pki.AssertionKeyPath,
            ["TrustGateway:Partners:plan-a:Workloads:claims-sync:Scopes:0"] = "system/Patient.rs",
            ["TrustGateway:Partners:plan-a:Workloads:claims-sync:Scopes:1"] = "system/Coverage.rs",
            ["TrustGateway:Partners:plan-a:Workloads:claims-sync:Scopes:2"] = "system/ExplanationOfBenefit.rs",
            ["TrustGateway:Partners:plan-a:Workloads:eligibility:SanUri"] = TestPki.PlanAOtherWorkloadUri,
            ["TrustGateway:Partners:plan-a:Workloads:eligibility:Scopes:0"] = "system/Coverage.rs",

            ["TrustGateway:Partners:plan-b:DisplayName"] = "Plan B",
            ["TrustGateway:Partners:plan-b:TrustAnchors:0"] = pki.PlanBRootPath,
            ["TrustGateway:Partners:plan-b:Intermediates:0"] = pki.PlanBIssuingPath,
            ["TrustGateway:Partners:plan-b:Revocation:CrlFiles:0"] = pki.PlanBRootCrlPath,
            ["TrustGateway:Partners:plan-b:Revocation:CrlFiles:1"] = pki.PlanBIssuingCrlPath,
            ["TrustGateway:Partners:plan-b:Workloads:member-match:SanDns"] = TestPki.PlanBWorkloadDns,
            ["TrustGateway:Partners:plan-b:Workloads:member-match:Scopes:0"] = "system/Patient.rs",
            ["TrustGateway:Partners:plan-b:Workloads:member-match:Scopes:1"] = "system/Coverage.rs",

            ["TrustGateway:Partners:plan-c:DisplayName"] = "Plan C (suspended)",
            ["TrustGateway:Partners:plan-c:Status"] = "Suspended",
            ["TrustGateway:Partners:plan-c:TrustAnchors:0"] = pki.PlanCCaPath,
            ["TrustGateway:Partners:plan-c:Revocation:Mode"] = "None",
            ["TrustGateway:Partners:plan-c:Workloads:ingest:SanUri"] = TestPki.PlanCWorkloadUri,
            ["TrustGateway:Partners:plan-c:Workloads:ingest:Scopes:0"] = "system/Patient.rs",

            ["TrustGateway:Policies:member-data:Partners:0"] = "plan-a",
            ["TrustGateway:Policies:member-data:Partners:1"] = "plan-b",
            ["TrustGateway:Policies:member-data:Partners:2"] = "plan-c",
            ["TrustGateway:Policies:member-data:ResourceTypes:0"] = "Patient",
            ["TrustGateway:Policies:member-data:ResourceTypes:1"] = "Coverage",
            ["TrustGateway:Policies:member-data:ResourceTypes:2"] = "Observation",
            ["TrustGateway:Policies:member-data:ResourceTypes:3"] = "Provenance",
            ["TrustGateway:Policies:claims-data:Workloads:0"] = "plan-a/claims-sync",
            ["TrustGateway:Policies:claims-data:ResourceTypes:0"] = "ExplanationOfBenefit",

            ["ReverseProxy:Routes:claims:ClusterId"] = "backend",
            ["ReverseProxy:Routes:claims:Order"] = "1",
            ["ReverseProxy:Routes:claims:Match:Path"] = ClaimsPath + "/{**rest}",
            ["ReverseProxy:Routes:claims:Metadata:TrustPolicy"] = "claims-data",
            ["ReverseProxy:Routes:member:ClusterId"] = "backend",
            ["ReverseProxy:Routes:member:Order"] = "10",
            ["ReverseProxy:Routes:member:Match:Path"] = "/fhir/{**rest}",
            ["ReverseProxy:Routes:member:Metadata:TrustPolicy"] = "member-data",
            ["ReverseProxy:Clusters:backend:Destinations:primary:Address"] = backend.ToString(),
            ["ReverseProxy:Clusters:backend:HttpRequest:ActivityTimeout"] = "00:00:02",
            ["ReverseProxy:Clusters:backend:Metadata:DownstreamAudience"] = BackendAudience,
        };
    }

    public static string PublicOrigin(int port) => $"https://localhost:{port}";
}
