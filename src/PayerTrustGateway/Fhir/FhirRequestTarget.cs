namespace PayerTrustGateway.Fhir;

/// <summary>Splits a request target into the path below a FHIR base and the raw query. Used by the gateway and by policy tests alike.</summary>
internal static class FhirRequestTarget
{
    /// <summary>False when the target is not under <paramref name="fhirBase"/> (a whole-segment prefix, e.g. "/fhir" but not "/fhirx").</summary>
    public static bool TrySplit(string target, string fhirBase, out string relativePath, out string query)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(fhirBase);
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? target : target[..question];
        query = question < 0 ? string.Empty : target[(question + 1)..];
        relativePath = string.Empty;
        if (!path.StartsWith(fhirBase, StringComparison.Ordinal) || (path.Length > fhirBase.Length && path[fhirBase.Length] != '/'))
        {
            return false;
        }

        relativePath = Uri.UnescapeDataString(path[fhirBase.Length..].Trim('/'));
        return true;
    }
}
