namespace PayerTrustGateway.Consent;

/// <summary>The consent registry and its enforcement (<c>TrustGateway:Consent</c>). Routes opt in with their policy's <c>RequireConsent</c>.</summary>
public sealed class ConsentOptions
{
    public const string SectionName = "TrustGateway:Consent";

    /// <summary>
    /// Purposes of use recorded on a captured consent when the capture call names none (HRex consents carry
    /// no purpose: S8.4 prohibits <c>provision.purpose</c>). Compared exactly with the token's <c>purpose_of_use</c>.
    /// </summary>
    public List<string> DefaultPurposesOfUse { get; set; } = [];

    /// <summary>
    /// Data classes a consent can cover, by name (e.g. <c>clinical</c>, <c>claims-without-financials</c>,
    /// <c>prior-authorization</c>), each listing its resource types. A captured consent covers every class
    /// unless the capture call names some. With no classes configured, a consent covers every type (HRex
    /// semantics: all data, or all non-sensitive data).
    /// </summary>
    public Dictionary<string, DataClassOptions> DataClasses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What counts as sensitive: only a consent with the HRex sensitive policy covers it.</summary>
    public SensitiveDataOptions Sensitive { get; set; } = new();

    /// <summary>
    /// Resource types outside the Patient compartment that member-scoped answers may carry as support
    /// resources (S9.1). Empty (default): Organization, Practitioner, PractitionerRole, Location,
    /// HealthcareService, Endpoint, InsurancePlan, Medication.
    /// </summary>
    public List<string> SupportResourceTypes { get; set; } = [];

    /// <summary>What the response guard does with a Bundle entry outside the consent: <c>Refuse</c> (default) withholds the whole answer; <c>Redact</c> drops the entries and says so in an OperationOutcome entry.</summary>
    public ResponseGuardMode ResponseGuard { get; set; } = ResponseGuardMode.Refuse;

    /// <summary>Largest answer body the guard inspects; a larger one is withheld. Default 32 MiB.</summary>
    public int MaxGuardedResponseBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>Members whose consents are kept in memory between requests (the cache never outlives a change). Default 100,000.</summary>
    public int CacheCapacity { get; set; } = 100_000;

    /// <summary>The support types in force.</summary>
    public IReadOnlyList<string> EffectiveSupportResourceTypes => SupportResourceTypes.Count == 0
        ? ["Organization", "Practitioner", "PractitionerRole", "Location", "HealthcareService", "Endpoint", "InsurancePlan", "Medication"]
        : SupportResourceTypes;
}

/// <summary>One data class: the resource types it covers.</summary>
public sealed class DataClassOptions
{
    /// <summary>Resource types in this class.</summary>
    public List<string> ResourceTypes { get; set; } = [];
}

/// <summary>Sensitive data (S8.4): resource types, codes (<c>system|code</c> in the resource's <c>code</c>) and <c>meta.security</c> labels (<c>system|code</c>).</summary>
public sealed class SensitiveDataOptions
{
    /// <summary>Resource types that are sensitive as a whole.</summary>
    public List<string> ResourceTypes { get; set; } = [];

    /// <summary>Codes (<c>system|code</c>) that make a resource sensitive when found in its <c>code</c> element.</summary>
    public List<string> Codes { get; set; } = [];

    /// <summary>Security labels (<c>system|code</c>) that make a resource sensitive when found in <c>meta.security</c>.</summary>
    public List<string> SecurityLabels { get; set; } = [];
}

/// <summary>Response guard behaviour for Bundle entries outside the consent.</summary>
public enum ResponseGuardMode
{
    /// <summary>Withhold the whole answer (403).</summary>
    Refuse,

    /// <summary>Drop the offending entries and add an OperationOutcome entry saying so.</summary>
    Redact,
}
