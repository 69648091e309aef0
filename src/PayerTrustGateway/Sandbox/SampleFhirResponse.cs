namespace PayerTrustGateway.Sandbox;

/// <summary>A complete, pre-serialized response: status, FHIR JSON body and, for 405, the Allow header.</summary>
internal sealed record SampleFhirResponse(int StatusCode, ReadOnlyMemory<byte> Body, string? Allow = null);
