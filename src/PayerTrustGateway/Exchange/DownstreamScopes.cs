using System.Collections.Immutable;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// The downstream token's scopes (S6.8): the partner token's scopes intersected with what the route's
/// policy admits. A SMART <c>system/</c> scope keeps only the permission letters the policy's interactions
/// use and only the resource types it admits (a wildcard type becomes the admitted types); any other scope
/// passes only when the policy requires it by name. The result never grants what the partner token did not.
/// </summary>
internal static class DownstreamScopes
{
    private const string Letters = "cruds";

    public static ImmutableArray<string> Narrow(ImmutableArray<string> inbound, TrustPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var admitted = AdmittedPermissions(policy);
        var narrowed = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in inbound.IsDefault ? [] : inbound)
        {
            if (!SmartScope.TryParse(scope, out var smart))
            {
                if (policy.RequiredScopes.Contains(scope, StringComparer.Ordinal) && seen.Add(scope))
                {
                    narrowed.Add(scope);
                }

                continue;
            }

            var permissions = smart.Permissions & admitted;
            if (permissions == SmartPermissions.None)
            {
                continue;
            }

            var restriction = smart.Restricted ? scope[scope.IndexOf('?', StringComparison.Ordinal)..] : string.Empty;
            foreach (var type in Types(smart.ResourceType, policy))
            {
                var narrowedScope = "system/" + type + "." + Format(permissions) + restriction;
                if (seen.Add(narrowedScope))
                {
                    narrowed.Add(narrowedScope);
                }
            }
        }

        return narrowed.ToImmutable();
    }

    /// <summary>The SMART permissions the policy's interactions can use (S7.4 mapping; searches may include, which reads).</summary>
    public static SmartPermissions AdmittedPermissions(TrustPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var permissions = policy.Operations.Count > 0 ? SmartPermissions.Read : SmartPermissions.None;
        foreach (var interaction in policy.Interactions)
        {
            permissions |= interaction switch
            {
                FhirInteraction.Read or FhirInteraction.VRead or FhirInteraction.History or FhirInteraction.Operation => SmartPermissions.Read,
                FhirInteraction.SearchType or FhirInteraction.SearchSystem or FhirInteraction.SearchCompartment => SmartPermissions.Search | SmartPermissions.Read,
                FhirInteraction.Create => SmartPermissions.Create,
                FhirInteraction.Update or FhirInteraction.Patch => SmartPermissions.Update,
                FhirInteraction.Delete => SmartPermissions.Delete,
                _ => SmartPermissions.None,
            };
        }

        return permissions;
    }

    private static IEnumerable<string> Types(string scopeType, TrustPolicy policy)
    {
        if (scopeType != "*")
        {
            return policy.AdmitsType(scopeType) ? [scopeType] : [];
        }

        return policy.ResourceTypes.Contains("*") ? ["*"] : policy.ResourceTypes.Order(StringComparer.Ordinal);
    }

    private static string Format(SmartPermissions permissions)
    {
        Span<char> letters = stackalloc char[Letters.Length];
        var length = 0;
        for (var bit = 0; bit < Letters.Length; bit++)
        {
            if (((int)permissions & (1 << bit)) != 0)
            {
                letters[length++] = Letters[bit];
            }
        }

        return new string(letters[..length]);
    }
}
