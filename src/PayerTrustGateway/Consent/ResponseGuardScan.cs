using System.Collections.Immutable;

namespace PayerTrustGateway.Consent;

/// <summary>The response guard's finding for one answer body.</summary>
/// <param name="Problem">The body cannot be inspected (not JSON, not a resource), or null.</param>
/// <param name="Violations">Refused resources: entry index (-1 for a single resource) and the rule.</param>
/// <param name="Body">The body to send when entries were redacted, else null (send the original).</param>
internal sealed record ResponseGuardScan(string? Problem, ImmutableArray<(int Entry, string Rule)> Violations, ReadOnlyMemory<byte>? Body)
{
    public bool Clean => Problem is null && Violations.IsEmpty;
}
