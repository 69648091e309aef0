namespace PayerTrustGateway.Policy;

/// <summary>Route trust policies: <c>TrustGateway:Policies:{name}</c>. A YARP route names one in <c>Metadata.TrustPolicy</c>.</summary>
public sealed class PoliciesOptions
{
    public const string SectionName = "TrustGateway";

    /// <summary>The route metadata key that names a route's policy.</summary>
    public const string RouteMetadataKey = "TrustPolicy";

    /// <summary>Policies by name.</summary>
    public Dictionary<string, TrustPolicyOptions> Policies { get; set; } = new(StringComparer.Ordinal);
}
