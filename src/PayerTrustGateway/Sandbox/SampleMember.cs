using Hl7.Fhir.Model;

namespace PayerTrustGateway.Sandbox;

/// <summary>The fixed facts from which one sample member's resources are built.</summary>
internal sealed record SampleMember(
    string Number,
    string Family,
    string Given,
    string BirthDate,
    AdministrativeGender Gender,
    string ConditionCode,
    string ConditionDisplay,
    decimal HemoglobinA1cPercent)
{
    /// <summary>The member id, which is both the Patient's logical id and its MB identifier value.</summary>
    public string Id => "member-" + Number;
}
