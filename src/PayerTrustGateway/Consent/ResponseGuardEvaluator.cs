using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Consent;

/// <summary>
/// Decides whether one resource in a member-scoped answer may reach the partner (S9.1, S9.3, S8.4): it is
/// in the member's Patient compartment and in no other member's, or an allowed support resource; its type
/// is in a data class the consent covers; and sensitive content (type, code, security label) is covered by
/// the HRex sensitive policy. Pure. Returns null when allowed, else the rule that refused it.
/// </summary>
internal static class ResponseGuardEvaluator
{
    public static string? Check(FhirResourceFacts facts, string memberKey, ConsentRecord consent, ConsentRules rules, PatientCompartment compartment)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(compartment);
        if (facts.ResourceType is not { } type)
        {
            return "guard:not-a-resource";
        }

        if (type == "OperationOutcome")
        {
            return null;
        }

        var placement = Placement(facts, type, memberKey, rules, compartment);
        if (placement is not null)
        {
            return placement;
        }

        if (!rules.Covers(consent.Terms.DataClasses, type))
        {
            return "guard:data-class:" + type;
        }

        if (consent.Terms.Policy == ConsentPolicy.Regular
            && (rules.SensitiveTypes.Contains(type) || facts.SecurityLabels.Any(rules.SensitiveLabels.Contains) || facts.Codes.Any(rules.SensitiveCodes.Contains)))
        {
            return "guard:sensitive:" + type;
        }

        return null;
    }

    private static string? Placement(FhirResourceFacts facts, string type, string memberKey, ConsentRules rules, PatientCompartment compartment)
    {
        if (!compartment.Contains(type))
        {
            return rules.SupportTypes.Contains(type) ? null : "guard:not-member-data:" + type;
        }

        var patients = facts.CompartmentPatients;
        if (type == "Patient")
        {
            // A Patient is in its own compartment, and in those of the patients it links to.
            patients = facts.Id is { } id ? patients.Add(id) : patients;
        }

        if (patients.Any(patient => patient != memberKey))
        {
            return "guard:other-member:" + type;
        }

        return patients.Contains(memberKey) && !facts.ForeignPatientReference ? null : "guard:outside-compartment:" + type;
    }
}
