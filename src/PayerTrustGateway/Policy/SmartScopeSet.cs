using System.Collections.Immutable;

namespace PayerTrustGateway.Policy;

/// <summary>The permissions a token's scopes grant, per resource type ("*" for all).</summary>
internal sealed class SmartScopeSet
{
    private readonly ImmutableArray<SmartScope> _scopes;

    private SmartScopeSet(ImmutableArray<SmartScope> scopes) => _scopes = scopes;

    public static SmartScopeSet From(IEnumerable<string> scopes)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        var parsed = ImmutableArray.CreateBuilder<SmartScope>();
        foreach (var scope in scopes)
        {
            if (SmartScope.TryParse(scope, out var smart) && !smart.Restricted)
            {
                parsed.Add(smart);
            }
        }

        return new SmartScopeSet(parsed.ToImmutable());
    }

    /// <summary>Whether some scope grants <paramref name="any"/> of the permissions on <paramref name="resourceType"/> ("*" needs a wildcard scope).</summary>
    public bool Grants(string resourceType, SmartPermissions any)
    {
        foreach (var scope in _scopes)
        {
            if ((scope.Permissions & any) != 0 && (scope.ResourceType == "*" || (resourceType != "*" && scope.ResourceType == resourceType)))
            {
                return true;
            }
        }

        return false;
    }
}
