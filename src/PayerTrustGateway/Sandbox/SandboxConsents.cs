using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using PayerTrustGateway.Consent;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// Seeds the sandbox's consents through the same HRex reader the admin API uses: Plan A may receive
/// member-1001's and member-1002's data for a year; member-1003 has no consent. Each start records them
/// again (a new version of the same source Consent), so a consent revoked in an earlier run is live again.
/// </summary>
internal static class SandboxConsents
{
    public const string PlanAOrganization = "https://plan-a.sandbox.example/org";
    public const string PlanBOrganization = "https://plan-b.sandbox.example/org";
    public const string CareCoordination = "urn:oid:2.16.840.1.113883.5.8#COC";

    public static async Task<IReadOnlyDictionary<string, string>> SeedAsync(IServiceProvider services, IEnumerable<string> members, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IConsentStore>();
        var reader = services.GetRequiredService<HrexConsentReader>();
        var partners = services.GetRequiredService<PartnerRegistry>().Current;
        var rules = services.GetRequiredService<ConsentRegistry>().Rules;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            var body = System.Text.Encoding.UTF8.GetBytes(Create(member, now).ToJson());
            if (!reader.TryRead(new ConsentCapture(body, [], [], null), partners, rules, out var terms, out var problems))
            {
                throw new InvalidOperationException("The sandbox consent is invalid: " + string.Join("; ", problems));
            }

            ids[member] = (await store.RecordAsync(terms!, "sandbox-seed", now, cancellationToken)).Id;
        }

        return ids;
    }

    private static Hl7.Fhir.Model.Consent Create(string member, DateTimeOffset now) => new()
    {
        Id = "sandbox-consent-" + member,
        Status = Hl7.Fhir.Model.Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy"),
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "IDSCL")],
        Patient = new ResourceReference("Patient/" + member),
        Performer = [new ResourceReference("Patient/" + member)],
        Source = new ResourceReference("DocumentReference/sandbox-consent-form"),
        Policy = [new Hl7.Fhir.Model.Consent.PolicyComponent { Uri = HrexConsentReader.RegularPolicy }],
        Provision = new Hl7.Fhir.Model.Consent.provisionComponent
        {
            Type = Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit,
            Period = new Period(new FhirDateTime(now.AddDays(-1)), new FhirDateTime(now.AddYears(1))),
            Actor =
            [
                Actor("http://terminology.hl7.org/CodeSystem/provenance-participant-type", "performer", "https://sandbox-payer.example/org"),
                Actor("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", PlanAOrganization),
            ],
            Action = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentaction", "disclose")],
        },
    };

    private static Hl7.Fhir.Model.Consent.provisionActorComponent Actor(string system, string code, string organization) => new()
    {
        Role = new CodeableConcept(system, code),
        Reference = new ResourceReference { Identifier = new Identifier("urn:ietf:rfc:3986", organization) },
    };
}
