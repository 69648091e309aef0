using System.Collections.Immutable;
using System.Text.Json;

namespace PayerTrustGateway.Fhir;

/// <summary>Reads the type and the entry requests of a batch or transaction Bundle (R4 http.html §3.1.0.11).</summary>
internal static class FhirBundleReader
{
    public const int MaxEntries = 1000;

    public static bool TryRead(ReadOnlySpan<byte> json, out string? bundleType, out ImmutableArray<(string Method, string Url)> entries, out string? problem)
    {
        bundleType = null;
        entries = [];
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("resourceType", out var resourceType) || resourceType.GetString() != "Bundle"
                || !root.TryGetProperty("type", out var type) || type.GetString() is not ("batch" or "transaction"))
            {
                problem = "not a batch or transaction Bundle";
                return false;
            }

            bundleType = type.GetString();
            var list = ImmutableArray.CreateBuilder<(string, string)>();
            if (root.TryGetProperty("entry", out var entryArray))
            {
                if (entryArray.ValueKind != JsonValueKind.Array || entryArray.GetArrayLength() > MaxEntries)
                {
                    problem = "entry must be an array of at most " + MaxEntries;
                    return false;
                }

                foreach (var entry in entryArray.EnumerateArray())
                {
                    if (!entry.TryGetProperty("request", out var request)
                        || !request.TryGetProperty("method", out var method) || method.ValueKind != JsonValueKind.String
                        || !request.TryGetProperty("url", out var url) || url.ValueKind != JsonValueKind.String)
                    {
                        problem = "every entry needs request.method and request.url";
                        return false;
                    }

                    list.Add((method.GetString()!, url.GetString()!));
                }
            }

            entries = list.ToImmutable();
            problem = null;
            return true;
        }
        catch (JsonException)
        {
            problem = "the body is not valid JSON";
            return false;
        }
    }
}
