using Microsoft.Extensions.Options;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Validates policies and the routes that use them: every YARP route must name an existing policy in
/// <c>Metadata.TrustPolicy</c> (default deny), and every partner or workload a policy names must exist.
/// </summary>
internal sealed class PoliciesOptionsValidator : IValidateOptions<PoliciesOptions>
{
    private readonly IServiceProvider _services;
    private readonly IOptionsFactory<PartnersOptions> _partners;

    public PoliciesOptionsValidator(IServiceProvider services, IOptionsFactory<PartnersOptions> partners)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(partners);
        _services = services;
        _partners = partners;
    }

    public ValidateOptionsResult Validate(string? name, PoliciesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        CheckPolicyMembers(options, errors);
        CheckRoutes(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void CheckPolicyMembers(PoliciesOptions options, List<string> errors)
    {
        PartnersOptions partners;
        try
        {
            // The partner configuration as it is now (it may be changing in the same reload).
            partners = _partners.Create(Options.DefaultName);
        }
        catch (OptionsValidationException)
        {
            // The partner registry is invalid and reports its own errors; members cannot be checked.
            return;
        }

        foreach (var (policyName, policy) in options.Policies)
        {
            var key = $"TrustGateway:Policies:{policyName}";
            if (policy.Partners.Count == 0 && policy.Workloads.Count == 0 && policy.WorkloadTags.Count == 0)
            {
                errors.Add($"{key}: admits nobody; list Partners, Workloads or WorkloadTags, or remove the policy.");
            }

            PolicyModelRules.Check(key, policyName, policy, options, errors);
            if (policy.MaxPostureAge is { } age && (age <= TimeSpan.Zero || age > TimeSpan.FromDays(730)))
            {
                errors.Add($"{key}:MaxPostureAge must be between 00:00:01 and 730 days.");
            }

            if (policy.MaxPostureRisk is { } risk && !Enum.IsDefined(risk))
            {
                errors.Add($"{key}:MaxPostureRisk must be Low, Moderate, High or Critical.");
            }

            for (var i = 0; i < policy.Partners.Count; i++)
            {
                if (!partners.Partners.ContainsKey(policy.Partners[i]))
                {
                    errors.Add($"{key}:Partners:{i}: partner '{policy.Partners[i]}' is not registered under TrustGateway:Partners.");
                }
            }

            for (var i = 0; i < policy.Workloads.Count; i++)
            {
                if (!WorkloadExists(partners, policy.Workloads[i]))
                {
                    errors.Add($"{key}:Workloads:{i}: '{policy.Workloads[i]}' is not a registered workload; use 'partnerId/workloadId'.");
                }
            }
        }
    }

    private void CheckRoutes(PoliciesOptions options, List<string> errors)
    {
        // The newest routes read from configuration (published to YARP or held back until policies match).
        foreach (var routes in new[] { _services.GetRequiredService<GatedProxyConfigProvider>().Candidate.Routes })
        {
            foreach (var route in routes)
            {
                string? policyName = null;
                if (route.Metadata?.TryGetValue(PoliciesOptions.RouteMetadataKey, out policyName) != true || string.IsNullOrWhiteSpace(policyName))
                {
                    errors.Add($"ReverseProxy:Routes:{route.RouteId}:Metadata:TrustPolicy is missing; every route must name a policy from TrustGateway:Policies (default deny).");
                }
                else if (!options.Policies.TryGetValue(policyName, out var named))
                {
                    errors.Add($"ReverseProxy:Routes:{route.RouteId}:Metadata:TrustPolicy names '{policyName}', which is not defined under TrustGateway:Policies.");
                }
                else if (named.Mode != PolicyMode.Enforce)
                {
                    errors.Add($"ReverseProxy:Routes:{route.RouteId}:Metadata:TrustPolicy names '{policyName}', a shadow policy; routes name enforced policies and shadows name them in ShadowOf.");
                }
            }
        }
    }

    private static bool WorkloadExists(PartnersOptions partners, string qualified)
    {
        var slash = qualified.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            && partners.Partners.TryGetValue(qualified[..slash], out var partner)
            && partner.Workloads.ContainsKey(qualified[(slash + 1)..]);
    }
}
