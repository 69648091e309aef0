using System.Text.Json;
using Microsoft.Extensions.Configuration;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Policy;

/// <summary>The shipped example policy tests pass against the sandbox configuration, and a mismatch is reported.</summary>
public sealed class PolicyTestRunnerTests : IClassFixture<TestPkiFixture>
{
    private readonly TestPki _pki;

    public PolicyTestRunnerTests(TestPkiFixture fixture) => _pki = fixture.Pki;

    [Fact]
    public void Run_SandboxExamples_AllPass()
    {
        var (policies, partners, routes) = SandboxPolicies();

        var results = PolicyTestRunner.Run(Examples(), policies, partners, routes);

        Assert.True(results.All(r => r.Passed), PolicyTestRunner.Report(results));
        Assert.True(results.Count >= 10);
    }

    [Fact]
    public void Run_WrongExpectation_FailsWithRuleInReport()
    {
        var (policies, partners, routes) = SandboxPolicies();
        var file = new PolicyTestFile([new PolicyTestCase
        {
            Name = "expects too much", Route = "fhir-claims", Workload = "plan-b/member-match",
            Scopes = "system/*.rs", Url = "/fhir/ExplanationOfBenefit?patient=member-1001", Expect = "allow",
        }]);

        var results = PolicyTestRunner.Run(file, policies, partners, routes);

        var result = Assert.Single(results);
        Assert.False(result.Passed);
        Assert.Contains("FAIL  expects too much: expected allow, got policy-not-admitted (rule default-deny)", PolicyTestRunner.Report(results), StringComparison.Ordinal);
    }

    private (PoliciesOptions Policies, PartnersOptions Partners, Dictionary<string, string> Routes) SandboxPolicies()
    {
        var json = SandboxConfiguration.Create(SandboxPki.Ensure(Path.Combine(_pki.Directory, "sandbox-pki"), TimeProvider.System, out _), SandboxAdminAccess.In(_pki.Directory), new SandboxPorts(8443, 8081, 8090)).ToJsonString();
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();
        var policies = new PoliciesOptions();
        configuration.GetSection(PoliciesOptions.SectionName).Bind(policies);
        var partners = new PartnersOptions();
        configuration.GetSection(PartnersOptions.SectionName).Bind(partners);
        var routes = configuration.GetSection("ReverseProxy:Routes").GetChildren().ToDictionary(r => r.Key, r => r["Metadata:TrustPolicy"]!);
        return (policies, partners, routes);
    }

    private static PolicyTestFile Examples()
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "policy-tests", "sandbox.policy-tests.json");
        return JsonSerializer.Deserialize(File.ReadAllText(path), PolicyTestJson.Default.PolicyTestFile)!;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PayerTrustGateway.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
