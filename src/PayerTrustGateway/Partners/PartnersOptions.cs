namespace PayerTrustGateway.Partners;

/// <summary>The partner registry from configuration: <c>TrustGateway:Partners:{partnerId}</c>.</summary>
public sealed class PartnersOptions
{
    public const string SectionName = "TrustGateway";

    /// <summary>Partner organisations by id (the key). Ids are case-sensitive and appear in policies and audit.</summary>
    public Dictionary<string, PartnerOptions> Partners { get; set; } = new(StringComparer.Ordinal);
}
