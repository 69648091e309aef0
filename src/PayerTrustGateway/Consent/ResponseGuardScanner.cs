using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace PayerTrustGateway.Consent;

/// <summary>
/// Inspects a member-scoped FHIR JSON answer (S9.3: "filter or verify response Bundles"). A single
/// resource is checked whole; a Bundle is read forward-only, one entry at a time (only the current entry
/// is materialised), so large searchsets and <c>$everything</c> answers are inspected without a DOM of the
/// whole body. In redact mode the offending Bundle entries are cut out of the original bytes (kept entries
/// are sent byte for byte) and an OperationOutcome entry says how many were withheld. Pure.
/// </summary>
internal static class ResponseGuardScanner
{
    public static ResponseGuardScan Scan(ReadOnlyMemory<byte> body, Func<JsonElement, string?> check, bool redact)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            var (type, bundleType) = TopLevelTypes(body.Span);
            if (type is null)
            {
                return new ResponseGuardScan("guard:not-a-resource", [], null);
            }

            if (type != "Bundle")
            {
                using var document = JsonDocument.Parse(body);
                var rule = check(document.RootElement);
                return rule is null ? new ResponseGuardScan(null, [], null) : new ResponseGuardScan(null, [(-1, rule)], null);
            }

            return ScanBundle(body, bundleType, check, redact);
        }
        catch (JsonException)
        {
            return new ResponseGuardScan("guard:malformed-json", [], null);
        }
    }

    // The top-level resourceType and Bundle.type, wherever they appear among the members.
    private static (string? Type, string? BundleType) TopLevelTypes(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return (null, null);
        }

        string? type = null, bundleType = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isType = reader.ValueTextEquals("resourceType"u8);
            var isBundleType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if ((isType || isBundleType) && reader.TokenType == JsonTokenType.String)
            {
                if (isType)
                {
                    type = reader.GetString();
                }
                else
                {
                    bundleType = reader.GetString();
                }
            }
            else
            {
                reader.Skip();
            }
        }

        return (type, bundleType);
    }

    private static ResponseGuardScan ScanBundle(ReadOnlyMemory<byte> body, string? bundleType, Func<JsonElement, string?> check, bool redact)
    {
        var reader = new Utf8JsonReader(body.Span);
        reader.Read();
        var violations = ImmutableArray.CreateBuilder<(int, string)>();
        var kept = new List<Range>();
        long arrayStart = -1, arrayEnd = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isEntry = reader.ValueTextEquals("entry"u8);
            reader.Read();
            if (!isEntry || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            arrayStart = reader.TokenStartIndex;
            var index = 0;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var start = (int)reader.TokenStartIndex;
                using var entry = JsonDocument.ParseValue(ref reader);
                var rule = CheckEntry(entry.RootElement, check);
                if (rule is null)
                {
                    kept.Add(start..(int)reader.BytesConsumed);
                }
                else
                {
                    violations.Add((index, rule));
                }

                index++;
            }

            arrayEnd = reader.TokenStartIndex;
        }

        if (violations.Count == 0 || !redact)
        {
            return new ResponseGuardScan(null, violations.ToImmutable(), null);
        }

        return new ResponseGuardScan(null, violations.ToImmutable(), Redacted(body.Span, (int)arrayStart, (int)arrayEnd, kept, violations.Count, bundleType == "searchset"));
    }

    private static string? CheckEntry(JsonElement entry, Func<JsonElement, string?> check)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return "guard:malformed-entry";
        }

        if (!entry.TryGetProperty("resource", out var resource))
        {
            return null; // e.g. a batch-response entry with only a response status
        }

        if (resource.TryGetProperty("resourceType", out var type) && type.ValueKind == JsonValueKind.String && type.ValueEquals("Bundle"u8))
        {
            return "guard:nested-bundle";
        }

        return check(resource);
    }

    private static byte[] Redacted(ReadOnlySpan<byte> body, int arrayStart, int arrayEnd, List<Range> kept, int withheld, bool searchset)
    {
        var output = new ArrayBufferWriter<byte>(body.Length);
        output.Write(body[..(arrayStart + 1)]);
        foreach (var range in kept)
        {
            output.Write(body[range]);
            output.Write(","u8);
        }

        var text = withheld == 1
            ? "1 entry was withheld: it is outside the member's consent or compartment."
            : withheld.ToString(System.Globalization.CultureInfo.InvariantCulture) + " entries were withheld: they are outside the member's consent or compartment.";
        var outcome = "{\"resource\":{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"warning\",\"code\":\"suppressed\",\"details\":{\"text\":\""
            + text + "\"}}]}" + (searchset ? ",\"search\":{\"mode\":\"outcome\"}" : string.Empty) + "}";
        output.Write(Encoding.UTF8.GetBytes(outcome));
        output.Write(body[arrayEnd..]);
        return output.WrittenSpan.ToArray();
    }
}
