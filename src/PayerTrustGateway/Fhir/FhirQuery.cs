using System.Collections.Immutable;

namespace PayerTrustGateway.Fhir;

/// <summary>Parses a FHIR search query and works out what it widens to and which members it names.</summary>
internal static class FhirQuery
{
    private static readonly string[] MemberParameters = ["patient", "subject", "beneficiary"];

    /// <summary>Splits <c>a=1&amp;b=2</c> into decoded name/value pairs (names keep their modifiers).</summary>
    public static ImmutableArray<KeyValuePair<string, string>> Parse(string query)
    {
        var pairs = ImmutableArray.CreateBuilder<KeyValuePair<string, string>>();
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? string.Empty : part[(equals + 1)..];
            pairs.Add(new(Uri.UnescapeDataString(name), Uri.UnescapeDataString(value.Replace('+', ' '))));
        }

        return pairs.ToImmutable();
    }

    /// <summary>
    /// Patient ids named by the member parameters of a search: <c>patient</c>, <c>beneficiary</c> or
    /// <c>subject</c>, bare or with the <c>:Patient</c> type modifier only (any other modifier, such as
    /// <c>:missing</c> or <c>:not</c>, does not scope the search to a member). "Patient/1" and, for patient
    /// and beneficiary, a bare "1" become "1"; a subject must name a Patient explicitly.
    /// </summary>
    public static ImmutableArray<string> MemberReferences(ImmutableArray<KeyValuePair<string, string>> parameters)
    {
        var members = ImmutableArray.CreateBuilder<string>();
        foreach (var (name, value) in parameters)
        {
            var parts = name.Split(':');
            if (parts.Length > 2 || !MemberParameters.Contains(parts[0], StringComparer.Ordinal)
                || (parts.Length == 2 && parts[1] != "Patient") || name.Contains('.', StringComparison.Ordinal))
            {
                continue;
            }

            var typed = parts.Length == 2;
            foreach (var reference in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (reference.StartsWith("Patient/", StringComparison.Ordinal) && FhirId.IsValid(reference["Patient/".Length..]))
                {
                    members.Add(reference["Patient/".Length..]);
                }
                else if ((typed || parts[0] != "subject") && FhirId.IsValid(reference))
                {
                    members.Add(reference);
                }
                else
                {
                    // Something that is not a plain Patient reference (absolute URL, other type, chained
                    // identifier): it cannot vouch for one member, so it counts as a second, unknown one.
                    members.Add("?" + reference);
                }
            }
        }

        return members.ToImmutable();
    }

    /// <summary>Every type the parameters can reach beyond <paramref name="resourceType"/>, and whether that reach is unbounded.</summary>
    public static FhirWidening Widening(string? resourceType, ImmutableArray<KeyValuePair<string, string>> parameters, string? operation = null)
    {
        var reached = new SortedSet<string>(StringComparer.Ordinal);
        var widening = ImmutableArray.CreateBuilder<string>();
        var unbounded = false;
        foreach (var (name, value) in parameters)
        {
            var baseName = name.Split(':')[0];
            var counts = baseName switch
            {
                "_include" => AddInclude(value, reverse: false, reached, ref unbounded),
                "_revinclude" => AddInclude(value, reverse: true, reached, ref unbounded),
                "_type" => AddTypes(value, reached, ref unbounded),
                "_has" => AddHas(name, reached, ref unbounded),
                "_contained" or "_containedType" => value != "false" && (unbounded = true),
                "_query" or "_list" => unbounded = true,
                _ => name.Contains('.', StringComparison.Ordinal) && AddChain(resourceType, name, reached, ref unbounded),
            };
            if (counts)
            {
                widening.Add(name + "=" + value);
            }
        }

        // $everything / $export return whole compartments or servers: without _type their output types
        // cannot be bounded, so they must name them (S7.4, S9.4).
        if (operation is "everything" or "everything-pdex" or "export" or "davinci-data-export"
            && !parameters.Any(parameter => parameter.Key == "_type"))
        {
            unbounded = true;
            widening.Add("$" + operation + " without _type");
        }

        return new FhirWidening([.. reached], widening.ToImmutable(), unbounded);
    }

    // _include=Source:param[:Target]; _revinclude reaches the Source type. "*" is unbounded.
    private static bool AddInclude(string value, bool reverse, SortedSet<string> reached, ref bool unbounded)
    {
        var parts = value.Split(':');
        if (value == "*" || parts.Length is < 2 or > 3 || !FhirSearchParameters.IsResourceType(parts[0]) || parts[1] == "*")
        {
            unbounded = true;
            return true;
        }

        reached.Add(parts[0]);
        if (reverse)
        {
            return true;
        }

        if (parts.Length == 3)
        {
            if (!FhirSearchParameters.IsResourceType(parts[2]))
            {
                unbounded = true;
            }

            reached.Add(parts[2]);
        }
        else if (FhirSearchParameters.TryGetTargets(parts[0], parts[1], out var targets))
        {
            reached.UnionWith(targets);
        }
        else
        {
            unbounded = true;
        }

        return true;
    }

    private static bool AddTypes(string value, SortedSet<string> reached, ref bool unbounded)
    {
        foreach (var type in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!FhirSearchParameters.IsResourceType(type))
            {
                unbounded = true;
            }

            reached.Add(type);
        }

        return true;
    }

    // _has:Type:reference:param, nestable: _has:A:ref:_has:B:ref:param.
    private static bool AddHas(string name, SortedSet<string> reached, ref bool unbounded)
    {
        var parts = name.Split(':');
        for (var i = 0; i + 1 < parts.Length; i++)
        {
            if (parts[i] != "_has")
            {
                continue;
            }

            if (!FhirSearchParameters.IsResourceType(parts[i + 1]))
            {
                unbounded = true;
                continue;
            }

            reached.Add(parts[i + 1]);
        }

        return true;
    }

    // param[:Type].param[:Type]...last: every hop but the last must be a reference parameter.
    private static bool AddChain(string? resourceType, string name, SortedSet<string> reached, ref bool unbounded)
    {
        if (resourceType is null)
        {
            unbounded = true;
            return true;
        }

        var hops = name.Split('.');
        IEnumerable<string> current = [resourceType];
        for (var i = 0; i < hops.Length - 1; i++)
        {
            var hop = hops[i].Split(':');
            var next = new HashSet<string>(StringComparer.Ordinal);
            foreach (var type in current)
            {
                if (hop.Length == 2)
                {
                    next.Add(hop[1]);
                }
                else if (FhirSearchParameters.TryGetTargets(type, hop[0], out var targets))
                {
                    next.UnionWith(targets);
                }
            }

            if (next.Count == 0 || next.Any(type => !FhirSearchParameters.IsResourceType(type)))
            {
                unbounded = true;
                return true;
            }

            reached.UnionWith(next);
            current = next;
        }

        return true;
    }
}
