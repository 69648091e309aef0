using System.Collections.Immutable;
using System.Text.Json;

namespace PayerTrustGateway.Fhir;

/// <summary>What the response guard needs to know about one returned resource, read from its JSON.</summary>
/// <param name="ResourceType">The resource's type, or null when it has none.</param>
/// <param name="Id">The logical id, if any.</param>
/// <param name="CompartmentPatients">Patient ids referenced (relative <c>Patient/[id]</c>) from the type's Patient compartment paths (S9.1).</param>
/// <param name="ForeignPatientReference">A compartment path references a Patient this guard cannot place (absolute URL, urn, conditional).</param>
/// <param name="SecurityLabels"><c>meta.security</c> as <c>system|code</c>.</param>
/// <param name="Codes">The resource's <c>code.coding</c> as <c>system|code</c>.</param>
internal sealed record FhirResourceFacts(
    string? ResourceType,
    string? Id,
    ImmutableArray<string> CompartmentPatients,
    bool ForeignPatientReference,
    ImmutableArray<string> SecurityLabels,
    ImmutableArray<string> Codes)
{
    public static FhirResourceFacts Read(JsonElement resource, PatientCompartment compartment)
    {
        ArgumentNullException.ThrowIfNull(compartment);
        if (resource.ValueKind != JsonValueKind.Object)
        {
            return new FhirResourceFacts(null, null, [], false, [], []);
        }

        var type = resource.TryGetProperty("resourceType", out var typeElement) && typeElement.ValueKind == JsonValueKind.String ? typeElement.GetString() : null;
        var id = resource.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        var patients = ImmutableArray.CreateBuilder<string>();
        var foreign = false;
        foreach (var path in type is null ? [] : compartment.PathsOf(type))
        {
            foreach (var reference in Navigate(resource, path, 0))
            {
                if (!reference.TryGetProperty("reference", out var value) || value.ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var text = value.GetString()!;
                if (TryPatientId(text, out var patient))
                {
                    patients.Add(patient);
                }
                else if (text.Contains("Patient", StringComparison.Ordinal) || text.StartsWith("urn:", StringComparison.Ordinal) || text.Contains('?', StringComparison.Ordinal))
                {
                    foreign = true;
                }
            }
        }

        return new FhirResourceFacts(type, id, patients.ToImmutable(), foreign, Codings(resource, "meta", "security"), Codings(resource, "code", "coding"));
    }

    // Relative Patient/[id] or Patient/[id]/_history/[vid]; anything else (another type, absolute,
    // contained) is not a plain Patient reference.
    private static bool TryPatientId(string reference, out string id)
    {
        id = string.Empty;
        if (!reference.StartsWith("Patient/", StringComparison.Ordinal))
        {
            return false;
        }

        var rest = reference["Patient/".Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var candidate = slash < 0 ? rest : rest[..slash];
        if (!FhirId.IsValid(candidate) || (slash >= 0 && !rest[slash..].StartsWith("/_history/", StringComparison.Ordinal)))
        {
            return false;
        }

        id = candidate;
        return true;
    }

    private static IEnumerable<JsonElement> Navigate(JsonElement element, ImmutableArray<string> path, int depth)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                foreach (var found in Navigate(item, path, depth))
                {
                    yield return found;
                }
            }

            yield break;
        }

        if (depth == path.Length)
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                yield return element;
            }

            yield break;
        }

        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(path[depth], out var child))
        {
            foreach (var found in Navigate(child, path, depth + 1))
            {
                yield return found;
            }
        }
    }

    private static ImmutableArray<string> Codings(JsonElement resource, string element, string codings)
    {
        if (!resource.TryGetProperty(element, out var container) || container.ValueKind != JsonValueKind.Object
            || !container.TryGetProperty(codings, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var result = ImmutableArray.CreateBuilder<string>();
        foreach (var coding in list.EnumerateArray())
        {
            if (coding.ValueKind == JsonValueKind.Object
                && coding.TryGetProperty("system", out var system) && system.ValueKind == JsonValueKind.String
                && coding.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                result.Add(system.GetString() + "|" + code.GetString());
            }
        }

        return result.ToImmutable();
    }
}
