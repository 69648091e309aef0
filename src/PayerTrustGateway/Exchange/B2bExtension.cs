using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text.Json;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// The UDAP B2B authorization extension of a client assertion (<c>extensions.hl7-b2b</c>, STANDARDS S7.7):
/// <c>version</c>, <c>organization_id</c> and <c>purpose_of_use</c> are required when it is present.
/// </summary>
internal sealed record B2bExtension(bool Present, bool Complete, string? OrganizationId, ImmutableArray<string> PurposesOfUse)
{
    private static readonly B2bExtension Absent = new(false, false, null, []);
    private static readonly B2bExtension Malformed = new(true, false, null, []);

    public static B2bExtension Read(string encodedPayload)
    {
        try
        {
            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(encodedPayload));
            if (!payload.RootElement.TryGetProperty("extensions", out var extensions) || extensions.ValueKind != JsonValueKind.Object
                || !extensions.TryGetProperty("hl7-b2b", out var b2b))
            {
                return Absent;
            }

            if (b2b.ValueKind != JsonValueKind.Object
                || !b2b.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.String
                || !b2b.TryGetProperty("organization_id", out var organization) || organization.ValueKind != JsonValueKind.String
                || !b2b.TryGetProperty("purpose_of_use", out var purposes) || purposes.ValueKind != JsonValueKind.Array
                || purposes.GetArrayLength() == 0 || purposes.EnumerateArray().Any(p => p.ValueKind != JsonValueKind.String))
            {
                return Malformed;
            }

            return new B2bExtension(true, true, organization.GetString(), [.. purposes.EnumerateArray().Select(p => p.GetString()!)]);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return Malformed;
        }
    }
}
