using System.Text.Json.Nodes;

namespace PayerTrustGateway.Tests.TestSupport;

/// <summary>HRex Consent resources (S8.4) for tests, as JSON; callers edit the node to make bad ones.</summary>
public static class TestConsents
{
    public const string Regular = "http://hl7.org/fhir/us/davinci-hrex/StructureDefinition-hrex-consent.html#regular";
    public const string Sensitive = "http://hl7.org/fhir/us/davinci-hrex/StructureDefinition-hrex-consent.html#sensitive";
    public const string CareCoordination = "urn:oid:2.16.840.1.113883.5.8#COC";

    public static JsonObject Hrex(string member, string recipientOrganization, DateTimeOffset start, DateTimeOffset end, string policy = Regular, string? id = null)
    {
        var consent = new JsonObject
        {
            ["resourceType"] = "Consent",
            ["status"] = "active",
            ["scope"] = Concept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
            ["category"] = new JsonArray(Concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IDSCL")),
            ["patient"] = new JsonObject { ["reference"] = "Patient/" + member, ["identifier"] = new JsonObject { ["system"] = "https://payer.example/member", ["value"] = "M-" + member } },
            ["performer"] = new JsonArray(new JsonObject { ["reference"] = "Patient/" + member }),
            ["sourceReference"] = new JsonObject { ["reference"] = "DocumentReference/consent-form-1" },
            ["policy"] = new JsonArray(new JsonObject { ["uri"] = policy }),
            ["provision"] = new JsonObject
            {
                ["type"] = "permit",
                ["period"] = new JsonObject { ["start"] = start.ToString("yyyy-MM-ddTHH:mm:ssZ"), ["end"] = end.ToString("yyyy-MM-ddTHH:mm:ssZ") },
                ["actor"] = new JsonArray(
                    Actor("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "performer", "https://this-payer.example/org"),
                    Actor("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", recipientOrganization)),
                ["action"] = new JsonArray(Concept("http://terminology.hl7.org/CodeSystem/consentaction", "disclose")),
            },
        };
        if (id is not null)
        {
            consent["id"] = id;
        }

        return consent;
    }

    private static JsonObject Actor(string system, string code, string organization) => new()
    {
        ["role"] = Concept(system, code),
        ["reference"] = new JsonObject { ["identifier"] = new JsonObject { ["system"] = "urn:ietf:rfc:3986", ["value"] = organization } },
    };

    private static JsonObject Concept(string system, string code) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };
}
