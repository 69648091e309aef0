using System.CommandLine;
using System.Text.Json;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Policy;

namespace PayerTrustGateway.Hosting;

/// <summary><c>policy test &lt;file&gt; [--config gateway.json]</c>: check a policy change before it ships. Exit 0 when every case passes, 1 on a mismatch, 2 when the file or configuration is unusable.</summary>
internal static class PolicyCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "A policy test file (JSON: cases with workload, scopes, method, url, expect)." };
        var config = new Option<FileInfo?>("--config") { Description = "The gateway configuration whose policies are tested (layered over appsettings.json)." };
        var test = new Command("test", "Evaluate every case of a policy test file against the configured policies.") { file, config };
        test.SetAction(result => Run(result.GetRequiredValue(file), result.GetValue(config)));
        return new Command("policy", "Route policy tools.") { test };
    }

    private static int Run(FileInfo file, FileInfo? config)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile(config?.FullName ?? Path.Combine(AppContext.BaseDirectory, "none.json"), optional: config is null)
            .AddEnvironmentVariables()
            .Build();
        var policies = new PoliciesOptions();
        configuration.GetSection(PoliciesOptions.SectionName).Bind(policies);
        var partners = new PartnersOptions();
        configuration.GetSection(PartnersOptions.SectionName).Bind(partners);

        var problems = new List<string>();
        foreach (var (name, policy) in policies.Policies)
        {
            PolicyModelRules.Check($"TrustGateway:Policies:{name}", name, policy, policies, problems);
        }

        PolicyTestFile? cases;
        try
        {
            cases = JsonSerializer.Deserialize(File.ReadAllText(file.FullName), PolicyTestJson.Default.PolicyTestFile);
        }
        catch (Exception exception) when (exception is JsonException or IOException)
        {
            problems.Add($"{file.Name}: not a readable policy test file ({exception.GetType().Name}).");
            cases = null;
        }

        if (problems.Count > 0 || cases is null)
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, problems));
            return 2;
        }

        var routes = configuration.GetSection("ReverseProxy:Routes").GetChildren()
            .Where(route => route["Metadata:TrustPolicy"] is not null)
            .ToDictionary(route => route.Key, route => route["Metadata:TrustPolicy"]!, StringComparer.Ordinal);
        var results = PolicyTestRunner.Run(cases, policies, partners, routes);
        Console.Write(PolicyTestRunner.Report(results));
        return results.All(result => result.Passed) ? 0 : 1;
    }
}
