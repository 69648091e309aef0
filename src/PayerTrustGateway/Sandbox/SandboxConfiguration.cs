using System.Text.Json;
using System.Text.Json.Nodes;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// Writes the sandbox's gateway configuration: two partners, two route policies, routes to the sample
/// FHIR backend. The file is written once and then belongs to the user: edit policies there.
/// </summary>
internal static class SandboxConfiguration
{
    public const string MemberDataPolicy = "member-data";
    public const string ClaimsDataPolicy = "claims-data";

    /// <summary>Bumped when the sandbox configuration's shape changes; an older file is replaced (kept as .bak).</summary>
    public const int Version = 7;

    /// <summary>The sample backend's audience: the <c>aud</c> of the downstream tokens it accepts.</summary>
    public const string BackendAudience = "https://sample-fhir.sandbox.example/fhir";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string EnsureFile(string directory, SandboxPki pki, SandboxAdminAccess admin, SandboxPorts ports, out bool written)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(ports);
        var path = Path.Combine(Path.GetFullPath(directory), "gateway.json");
        written = !File.Exists(path) || !IsCurrent(path);
        if (written)
        {
            if (File.Exists(path))
            {
                File.Copy(path, path + ".bak", overwrite: true);
            }

            File.WriteAllText(path, Create(pki, admin, ports).ToJsonString(Indented) + "\n");
        }

        return path;
    }

    public static JsonObject Create(SandboxPki pki, SandboxAdminAccess admin, SandboxPorts ports)
    {
        ArgumentNullException.ThrowIfNull(pki);
        ArgumentNullException.ThrowIfNull(admin);
        ArgumentNullException.ThrowIfNull(ports);
        return new JsonObject
        {
            ["SandboxConfigVersion"] = Version,
            ["TrustGateway"] = new JsonObject
            {
                ["Listeners"] = new JsonObject
                {
                    ["Partner"] = new JsonObject { ["Address"] = "127.0.0.1", ["Port"] = ports.Partner, ["CertificatePath"] = pki.GatewayCertificate, ["KeyPath"] = pki.GatewayKey },
                    ["Admin"] = new JsonObject { ["Address"] = "127.0.0.1", ["Port"] = ports.Admin },
                },
                ["Tokens"] = new JsonObject { ["PublicOrigin"] = $"https://localhost:{ports.Partner}" },
                ["TokenService"] = new JsonObject { ["TokenLifetime"] = "00:05:00" },
                ["TokenExchange"] = new JsonObject { ["Mode"] = "Mint", ["TokenLifetime"] = "00:05:00" },
                ["Storage"] = new JsonObject { ["DataDirectory"] = Path.Combine(Path.GetDirectoryName(pki.Directory)!, "data") },
                // The admin issuer's key and tokens are regenerated at every start (admin/<role>.jwt, 12 hours).
                ["AdminAccess"] = new JsonObject
                {
                    ["Issuer"] = SandboxAdminAccess.Issuer,
                    ["Audience"] = SandboxAdminAccess.Audience,
                    ["KeyFiles"] = new JsonArray(admin.PublicKey),
                    ["MaxTokenLifetime"] = SandboxAdminAccess.TokenLifetime.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
                },
                ["Partners"] = new JsonObject
                {
                    ["plan-a"] = Partner("Plan A Health (sandbox)", SandboxConsents.PlanAOrganization, pki.PlanACa, pki.PlanACrl, "claims-sync", "SanUri", SandboxPki.PlanAWorkloadUri),
                    ["plan-b"] = Partner("Plan B Insurance (sandbox)", SandboxConsents.PlanBOrganization, pki.PlanBCa, pki.PlanBCrl, "member-match", "SanDns", SandboxPki.PlanBWorkloadDns),
                },
                ["Consent"] = new JsonObject
                {
                    ["DefaultPurposesOfUse"] = new JsonArray(SandboxConsents.CareCoordination),
                    ["DataClasses"] = new JsonObject
                    {
                        ["member"] = new JsonObject { ["ResourceTypes"] = new JsonArray("Patient", "Coverage") },
                        ["claims-without-financials"] = new JsonObject { ["ResourceTypes"] = new JsonArray("ExplanationOfBenefit") },
                        ["clinical"] = new JsonObject { ["ResourceTypes"] = new JsonArray("Encounter", "Condition", "Observation", "Provenance") },
                    },
                    ["Sensitive"] = new JsonObject
                    {
                        ["SecurityLabels"] = new JsonArray(
                            "http://terminology.hl7.org/CodeSystem/v3-ActCode|PSY", "http://terminology.hl7.org/CodeSystem/v3-ActCode|ETH",
                            "http://terminology.hl7.org/CodeSystem/v3-ActCode|HIV", "http://terminology.hl7.org/CodeSystem/v3-Confidentiality|R"),
                    },
                    ["ResponseGuard"] = "Refuse",
                },
                ["Policies"] = new JsonObject
                {
                    [MemberDataPolicy] = new JsonObject
                    {
                        ["Partners"] = new JsonArray("plan-a", "plan-b"),
                        ["ResourceTypes"] = new JsonArray("Patient", "Coverage", "Observation", "Encounter", "Condition", "Organization", "Provenance"),
                        ["Interactions"] = new JsonArray("read", "vread", "search-type", "search-compartment", "capabilities"),
                    },
                    [ClaimsDataPolicy] = new JsonObject
                    {
                        ["Workloads"] = new JsonArray("plan-a/claims-sync"),
                        ["ResourceTypes"] = new JsonArray("ExplanationOfBenefit"),
                        ["Interactions"] = new JsonArray("read", "search-type"),
                        ["RequireConsent"] = true,
                    },
                },
            },
            ["ReverseProxy"] = new JsonObject
            {
                ["Routes"] = new JsonObject
                {
                    ["fhir-claims"] = Route("/fhir/ExplanationOfBenefit/{**rest}", ClaimsDataPolicy, order: 1),
                    ["fhir-member-data"] = Route("/fhir/{**rest}", MemberDataPolicy, order: 10),
                },
                ["Clusters"] = new JsonObject
                {
                    ["sample-fhir"] = new JsonObject
                    {
                        ["Destinations"] = new JsonObject { ["primary"] = new JsonObject { ["Address"] = $"http://127.0.0.1:{ports.Backend}/" } },
                        ["HttpRequest"] = new JsonObject { ["ActivityTimeout"] = "00:00:30" },
                        ["Metadata"] = new JsonObject { [Exchange.TokenExchangeOptions.AudienceMetadataKey] = BackendAudience },
                    },
                },
            },
        };
    }

    private static bool IsCurrent(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))?["SandboxConfigVersion"]?.GetValue<int>() == Version;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static JsonObject Partner(string name, string organization, string ca, string crl, string workload, string matcher, string value) => new()
    {
        ["DisplayName"] = name,
        ["OrganizationId"] = organization,
        ["Status"] = "Active",
        ["TrustAnchors"] = new JsonArray(ca),
        ["Revocation"] = new JsonObject { ["Mode"] = "Crl", ["CrlFiles"] = new JsonArray(crl) },
        ["Workloads"] = new JsonObject
        {
            [workload] = new JsonObject
            {
                ["Status"] = "Active",
                [matcher] = value,
                ["Scopes"] = new JsonArray("system/Patient.rs", "system/Coverage.rs", "system/ExplanationOfBenefit.rs", "system/Observation.rs"),
                ["PurposesOfUse"] = new JsonArray(SandboxConsents.CareCoordination),
            },
        },
    };

    private static JsonObject Route(string path, string policy, int order) => new()
    {
        ["ClusterId"] = "sample-fhir",
        ["Order"] = order,
        ["Match"] = new JsonObject { ["Path"] = path },
        ["Metadata"] = new JsonObject { ["TrustPolicy"] = policy },
    };
}
