using System.Text;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Policy;

/// <summary>
/// Runs a policy test file against a configuration: each case is classified and evaluated exactly as the
/// gateway would (same classifier, same evaluator), and compared with the expected decision.
/// </summary>
internal static class PolicyTestRunner
{
    public sealed record Result(string Name, bool Passed, string Expected, string Actual, string Rule);

    public static IReadOnlyList<Result> Run(PolicyTestFile file, PoliciesOptions policies, PartnersOptions partners, IReadOnlyDictionary<string, string> routePolicies)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(partners);
        ArgumentNullException.ThrowIfNull(routePolicies);
        var set = TrustPolicySet.From(policies);
        var results = new List<Result>();
        foreach (var testCase in file.Cases)
        {
            var policyName = testCase.Policy ?? (testCase.Route is { } route && routePolicies.TryGetValue(route, out var named) ? named : null);
            var decision = Decide(testCase, policyName, set, partners);
            var actual = decision.IsAllowed ? "allow" : DenialCatalog.Descriptors[decision.Reason].Code;
            results.Add(new Result(testCase.Name, string.Equals(actual, testCase.Expect, StringComparison.Ordinal), testCase.Expect, actual, decision.Rule));
        }

        return results;
    }

    public static string Report(IReadOnlyList<Result> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var text = new StringBuilder();
        foreach (var result in results)
        {
            text.AppendLine(result.Passed
                ? $"PASS  {result.Name}"
                : $"FAIL  {result.Name}: expected {result.Expected}, got {result.Actual} (rule {result.Rule})");
        }

        text.AppendLine($"{results.Count(r => r.Passed)} passed, {results.Count(r => !r.Passed)} failed");
        return text.ToString();
    }

    private static PolicyDecision Decide(PolicyTestCase testCase, string? policyName, TrustPolicySet set, PartnersOptions partners)
    {
        if (policyName is null || !set.TryGet(policyName, out var policy))
        {
            return new PolicyDecision(DenyReason.PolicyMissing, policyName ?? string.Empty, RoutePolicyEvaluator.DefaultDenyRule);
        }

        var slash = testCase.Workload.IndexOf('/', StringComparison.Ordinal);
        var partnerId = slash > 0 ? testCase.Workload[..slash] : testCase.Workload;
        var workloadId = slash > 0 ? testCase.Workload[(slash + 1)..] : string.Empty;
        var workload = partners.Partners.TryGetValue(partnerId, out var partner) && partner.Workloads.TryGetValue(workloadId, out var found) ? found : null;
        if (workload is null)
        {
            return new PolicyDecision(DenyReason.WorkloadNotRegistered, policy!.Name, "workload:" + testCase.Workload);
        }

        var binding = testCase.Binding switch
        {
            "none" => TokenBinding.None,
            "dpop" => TokenBinding.DpopKey,
            _ => TokenBinding.Certificate,
        };
        var subject = new PolicySubject(partnerId, workloadId, [.. workload.Tags], workload.ActorKind, binding,
            [.. testCase.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries)], [.. testCase.PurposeOfUse]);
        return RoutePolicyEvaluator.Evaluate(policy!, Classify(testCase, policy!), subject);
    }

    private static FhirRequest Classify(PolicyTestCase testCase, TrustPolicy policy)
    {
        if (!FhirRequestTarget.TrySplit(testCase.Url, policy.FhirBase, out var relative, out var query))
        {
            return FhirRequest.Malformed("outside the FHIR base");
        }

        var body = testCase.Body is null ? [] : Encoding.UTF8.GetBytes(testCase.Body);
        var form = testCase.Body is not null && !testCase.Body.TrimStart().StartsWith('{');
        return FhirRequestClassifier.Classify(testCase.Method, relative, query, body, form);
    }
}
