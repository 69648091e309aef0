using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The Firely JSON serializer and deserializer, created once per build of the sample content.
/// Only used while pre-serializing at start-up, never per request.
/// </summary>
internal sealed class SampleFhirJson
{
    private readonly BaseFhirJsonSerializer _serializer = new(ModelInfo.ModelInspector);
    private readonly FhirJsonDeserializer _deserializer = new();

    public byte[] Serialize(Resource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _serializer.SerializeToBytes(resource);
    }

    public Resource Deserialize(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        return _deserializer.DeserializeResource(ref reader);
    }
}
