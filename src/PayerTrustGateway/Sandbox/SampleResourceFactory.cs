using Hl7.Fhir.Model;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// Builds the deterministic sample resources with the Firely models. Every value is a constant: no clock,
/// no random numbers, so two builds serialize to identical bytes.
/// </summary>
internal static class SampleResourceFactory
{
    /// <summary>Identifier system of the payer's member ids (type MB, HL7 v2 table 0203).</summary>
    public const string MemberIdSystem = "https://sandbox.payertrustgateway.example/fhir/sid/member-id";

    public const string PayerOrganizationId = "org-payer";
    public const string ProviderOrganizationId = "org-provider";

    private const string IdentifierTypeSystem = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private const string LoincSystem = "http://loinc.org";
    private const string SnomedSystem = "http://snomed.info/sct";
    private const string UcumSystem = "http://unitsofmeasure.org";
    private const string ServiceDate = "2024-03-10";

    private static readonly DateTimeOffset LastUpdated = new(2024, 3, 15, 12, 0, 0, TimeSpan.Zero);

    public static Organization CreateOrganization(string id, string name, string typeCode) => new()
    {
        Id = id,
        Meta = NewMeta(),
        Active = true,
        Name = name,
        Type = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/organization-type", typeCode)],
    };

    public static Patient CreatePatient(SampleMember member) => new()
    {
        Id = member.Id,
        Meta = NewMeta(),
        Identifier =
        [
            new Identifier(MemberIdSystem, member.Id)
            {
                Use = Identifier.IdentifierUse.Official,
                Type = Concept(IdentifierTypeSystem, "MB", "Member Number"),
            },
        ],
        Active = true,
        Name = [new HumanName { Use = HumanName.NameUse.Official, Family = member.Family, Given = [member.Given] }],
        Gender = member.Gender,
        BirthDate = member.BirthDate,
    };

    public static Coverage CreateCoverage(SampleMember member) => new()
    {
        Id = "coverage-" + member.Number,
        Meta = NewMeta(),
        Status = FinancialResourceStatusCodes.Active,
        Type = Concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "HIP", "health insurance plan policy"),
        SubscriberId = member.Id,
        Beneficiary = PatientReference(member),
        Relationship = new CodeableConcept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self"),
        Period = new Period { Start = "2024-01-01", End = "2024-12-31" },
        Payor = [new ResourceReference("Organization/" + PayerOrganizationId)],
    };

    public static ExplanationOfBenefit CreateExplanationOfBenefit(SampleMember member) => new()
    {
        Id = "eob-" + member.Number,
        Meta = NewMeta(),
        Status = ExplanationOfBenefit.ExplanationOfBenefitStatus.Active,
        Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", "professional"),
        Use = ClaimUseCode.Claim,
        Patient = PatientReference(member),
        Created = "2024-03-15",
        Insurer = new ResourceReference("Organization/" + PayerOrganizationId),
        Provider = new ResourceReference("Organization/" + ProviderOrganizationId),
        Outcome = ClaimProcessingCodes.Complete,
        Insurance =
        [
            new ExplanationOfBenefit.InsuranceComponent
            {
                Focal = true,
                Coverage = new ResourceReference("Coverage/coverage-" + member.Number),
            },
        ],
        Total =
        [
            new ExplanationOfBenefit.TotalComponent
            {
                Category = new CodeableConcept("http://terminology.hl7.org/CodeSystem/adjudication", "submitted"),
                Amount = new Money { Value = 125.00m, Currency = Money.Currencies.USD },
            },
        ],
    };

    public static Encounter CreateEncounter(SampleMember member) => new()
    {
        Id = "encounter-" + member.Number,
        Meta = NewMeta(),
        Status = Encounter.EncounterStatus.Finished,
        Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
        Subject = PatientReference(member),
        Period = new Period { Start = ServiceDate + "T09:00:00Z", End = ServiceDate + "T09:30:00Z" },
        ServiceProvider = new ResourceReference("Organization/" + ProviderOrganizationId),
    };

    public static Condition CreateCondition(SampleMember member) => new()
    {
        Id = "condition-" + member.Number,
        Meta = NewMeta(),
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "active"),
        VerificationStatus = new CodeableConcept(
            "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed"),
        Code = Concept(SnomedSystem, member.ConditionCode, member.ConditionDisplay),
        Subject = PatientReference(member),
        Encounter = new ResourceReference("Encounter/encounter-" + member.Number),
        RecordedDate = ServiceDate,
    };

    public static Observation CreateObservation(SampleMember member) => new()
    {
        Id = "observation-" + member.Number,
        Meta = NewMeta(),
        Status = ObservationStatus.Final,
        Category =
        [
            new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "laboratory"),
        ],
        Code = Concept(LoincSystem, "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood"),
        Subject = PatientReference(member),
        Encounter = new ResourceReference("Encounter/encounter-" + member.Number),
        Effective = new FhirDateTime(ServiceDate + "T09:15:00Z"),
        Value = new Quantity
        {
            Value = member.HemoglobinA1cPercent,
            Unit = "%",
            System = UcumSystem,
            Code = "%",
        },
    };

    // The display goes on the coding (the code's meaning in its system), not into CodeableConcept.text.
    private static CodeableConcept Concept(string system, string code, string display) =>
        new() { Coding = [new Coding(system, code, display)] };

    private static ResourceReference PatientReference(SampleMember member) => new("Patient/" + member.Id);

    // A new Meta per resource: Firely models are mutable, so no instance is shared between resources.
    private static Meta NewMeta() => new() { VersionId = "1", LastUpdated = LastUpdated };
}
