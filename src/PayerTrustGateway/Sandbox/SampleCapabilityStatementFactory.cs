using Hl7.Fhir.Model;

namespace PayerTrustGateway.Sandbox;

/// <summary>Describes exactly what <see cref="SampleFhirCapabilities"/> supports: read and search-type per type.</summary>
internal static class SampleCapabilityStatementFactory
{
    public static CapabilityStatement Create(Uri fhirBase)
    {
        ArgumentNullException.ThrowIfNull(fhirBase);
        return new CapabilityStatement
        {
            Name = "PayerTrustGatewaySampleBackend",
            Title = "PayerTrustGateway sample FHIR backend",
            Status = PublicationStatus.Active,
            Experimental = true,
            Date = "2024-03-15",
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent { Name = "PayerTrustGateway sample FHIR backend" },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "Deterministic sample data for sandbox mode, tests and load runs.",
                Url = fhirBase.AbsoluteUri.TrimEnd('/'),
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = ["application/fhir+json"],
            Rest =
            [
                new CapabilityStatement.RestComponent
                {
                    Mode = CapabilityStatement.RestfulCapabilityMode.Server,
                    Resource = [.. SampleFhirCapabilities.ResourceTypes.Select(CreateResource)],
                },
            ],
        };
    }

    private static CapabilityStatement.ResourceComponent CreateResource(string resourceType) => new()
    {
        Type = resourceType,
        Interaction =
        [
            new CapabilityStatement.ResourceInteractionComponent
            {
                Code = CapabilityStatement.TypeRestfulInteraction.Read,
            },
            new CapabilityStatement.ResourceInteractionComponent
            {
                Code = CapabilityStatement.TypeRestfulInteraction.SearchType,
            },
        ],
        SearchParam =
        [
            .. SampleFhirCapabilities.SearchParameters(resourceType).Select(name =>
                new CapabilityStatement.SearchParamComponent
                {
                    Name = name,
                    Type = string.Equals(name, SampleFhirCapabilities.IdParameter, StringComparison.Ordinal)
                        ? SearchParamType.Token
                        : SearchParamType.Reference,
                }),
        ],
    };
}
