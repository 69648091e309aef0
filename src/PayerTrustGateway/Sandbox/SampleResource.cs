namespace PayerTrustGateway.Sandbox;

/// <summary>One pre-serialized sample resource.</summary>
/// <param name="ResourceType">The FHIR resource type, e.g. <c>Observation</c>.</param>
/// <param name="Id">The logical id.</param>
/// <param name="MemberId">The member whose Patient compartment holds the resource; null for shared resources.</param>
/// <param name="Json">The resource as FHIR JSON (UTF-8), serialized once.</param>
internal sealed record SampleResource(string ResourceType, string Id, string? MemberId, ReadOnlyMemory<byte> Json)
{
    /// <summary>The relative reference, e.g. <c>Observation/observation-1001</c>.</summary>
    public string Reference => ResourceType + "/" + Id;
}
