using PayerTrustGateway.Fhir;

namespace PayerTrustGateway.Policy;

/// <summary>Checks one policy's FHIR model settings, naming each offending key.</summary>
internal static class PolicyModelRules
{
    public static void Check(string key, string name, TrustPolicyOptions policy, PoliciesOptions all, List<string> errors)
    {
        if (policy.ResourceTypes.Count == 0)
        {
            errors.Add($"{key}:ResourceTypes: list the resource types this route serves (or '*'); nothing is admitted by default.");
        }

        foreach (var type in policy.ResourceTypes.Where(t => t != "*" && !FhirSearchParameters.IsResourceType(t)))
        {
            errors.Add($"{key}:ResourceTypes: '{type}' is not an R4 resource type.");
        }

        foreach (var interaction in policy.Interactions.Where(i => !FhirInteractionNames.TryParse(i, out _)))
        {
            errors.Add($"{key}:Interactions: '{interaction}' is not one of {string.Join(", ", FhirInteractionNames.All)}.");
        }

        foreach (var scope in policy.RequiredScopes.Where(s => !SmartScope.TryParse(s, out _)))
        {
            errors.Add($"{key}:RequiredScopes: '{scope}' is not a SMART system/ scope (v1 system/Type.read or v2 system/Type.rs).");
        }

        if (policy.Operations.Count > 0 && !policy.Interactions.Contains("operation"))
        {
            errors.Add($"{key}:Operations are listed but Interactions does not include 'operation'.");
        }

        if (!policy.FhirBase.StartsWith('/'))
        {
            errors.Add($"{key}:FhirBase must be an absolute path such as /fhir.");
        }

        if (policy.RateLimitPerMinute < 0 || policy.MaxClassifiedBodyBytes is < 1024 or > 64 * 1024 * 1024)
        {
            errors.Add($"{key}: RateLimitPerMinute must be 0 or more and MaxClassifiedBodyBytes between 1024 and 67108864.");
        }

        CheckShadow(key, name, policy, all, errors);
    }

    private static void CheckShadow(string key, string name, TrustPolicyOptions policy, PoliciesOptions all, List<string> errors)
    {
        if (policy.Mode == PolicyMode.Shadow)
        {
            if (policy.ShadowOf is null || !all.Policies.TryGetValue(policy.ShadowOf, out var enforced) || enforced.Mode != PolicyMode.Enforce || policy.ShadowOf == name)
            {
                errors.Add($"{key}:ShadowOf must name an enforced policy to compare with.");
            }
        }
        else if (policy.ShadowOf is not null)
        {
            errors.Add($"{key}:ShadowOf is set but Mode is not Shadow.");
        }
    }
}
