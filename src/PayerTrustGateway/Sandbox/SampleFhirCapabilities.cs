using System.Collections.Frozen;
using System.Collections.Immutable;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The resource types and search parameters the sample backend supports. Used by the data set, the search
/// evaluator and the CapabilityStatement, so the three cannot drift apart.
/// </summary>
internal static class SampleFhirCapabilities
{
    public const string IdParameter = "_id";
    public const string PatientParameter = "patient";
    public const string SubjectParameter = "subject";
    public const string BeneficiaryParameter = "beneficiary";

    /// <summary>Supported resource types, in the order the CapabilityStatement lists them.</summary>
    public static readonly ImmutableArray<string> ResourceTypes =
        ["Patient", "Coverage", "ExplanationOfBenefit", "Encounter", "Condition", "Observation", "Organization"];

    // Parameter names follow the FHIR R4 search parameter registry for each type
    // (e.g. Coverage has beneficiary and patient, ExplanationOfBenefit has patient but not subject).
    private static readonly FrozenDictionary<string, ImmutableArray<string>> SearchParametersByType =
        new Dictionary<string, ImmutableArray<string>>(StringComparer.Ordinal)
        {
            ["Patient"] = [IdParameter],
            ["Coverage"] = [IdParameter, BeneficiaryParameter, PatientParameter],
            ["ExplanationOfBenefit"] = [IdParameter, PatientParameter],
            ["Encounter"] = [IdParameter, PatientParameter, SubjectParameter],
            ["Condition"] = [IdParameter, PatientParameter, SubjectParameter],
            ["Observation"] = [IdParameter, PatientParameter, SubjectParameter],
            ["Organization"] = [IdParameter],
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The search parameters of <paramref name="resourceType"/>; empty for an unsupported type.</summary>
    public static ImmutableArray<string> SearchParameters(string resourceType) =>
        SearchParametersByType.TryGetValue(resourceType, out var parameters) ? parameters : [];

    public static bool IsSearchParameter(string resourceType, string parameter) =>
        SearchParameters(resourceType).AsSpan().Contains(parameter);

    /// <summary>True for the parameters whose value is a reference to the member's Patient.</summary>
    public static bool IsMemberParameter(string parameter) =>
        string.Equals(parameter, PatientParameter, StringComparison.Ordinal)
        || string.Equals(parameter, SubjectParameter, StringComparison.Ordinal)
        || string.Equals(parameter, BeneficiaryParameter, StringComparison.Ordinal);
}
