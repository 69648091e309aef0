using System.CommandLine;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Audit;
using PayerTrustGateway.Storage;

namespace PayerTrustGateway.Hosting;

/// <summary>
/// <c>audit verify | query | scorecard [--config gateway.json]</c>: the auditor's command line, reading the
/// store and key ring the configuration names (safe while the gateway runs). Exit codes: 0 success (verify:
/// intact), 1 verify found a problem, 2 unusable input or configuration.
/// </summary>
internal static class AuditCommand
{
    private static readonly JsonSerializerOptions Pretty = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "The gateway configuration naming the store (layered over appsettings.json).", Recursive = true };
        var verify = new Command("verify", "Re-walk every instance's hash chain and signed checkpoints; report the first broken or missing record.");
        verify.SetAction((result, cancellationToken) => VerifyAsync(result.GetValue(config), cancellationToken));

        var filters = AuditQueryParser.Names.Where(name => name is not ("limit" or "cursor")).Order(StringComparer.Ordinal)
            .Select(name => new Option<string?>("--" + name) { Description = FilterHelp(name) }).ToList();
        var format = new Option<string>("--format") { Description = "ndjson (records with their hashes) or fhir (AuditEvent resources).", DefaultValueFactory = _ => "ndjson" };
        format.AcceptOnlyFromAmong("ndjson", "fhir");
        var query = new Command("query", "Write every matching record to standard output as NDJSON, oldest first (e.g. a partner's whole history for a period).") { format };
        filters.ForEach(query.Options.Add);
        query.SetAction((result, cancellationToken) => QueryAsync(result.GetValue(config), filters.Select(f => (f.Name[2..], result.GetValue(f))), result.GetValue(format) == "fhir", cancellationToken));

        var from = new Option<string?>("--from") { Description = "Start of the period (ISO 8601); default 30 days before --to." };
        var to = new Option<string?>("--to") { Description = "End of the period (exclusive, ISO 8601); default now." };
        var scorecard = new Command("scorecard", "Print the partner-governance figures for a period, computed from the audit store.") { from, to };
        scorecard.SetAction((result, cancellationToken) => ScorecardAsync(result.GetValue(config), result.GetValue(from), result.GetValue(to), cancellationToken));

        return new Command("audit", "Audit trail tools.") { config, verify, query, scorecard };
    }

    private static async Task<int> VerifyAsync(FileInfo? config, CancellationToken cancellationToken)
    {
        await using var app = Open(config, out var database);
        if (app is null)
        {
            return 2;
        }

        var verification = await app.Services.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
        Console.WriteLine($"audit store: {database}");
        foreach (var chain in verification.Instances)
        {
            var state = chain.FirstProblem is { } problem ? $"BROKEN at record {problem.Sequence}: {problem.Problem}" : "intact";
            Console.WriteLine($"instance {chain.Instance}: {chain.Records} records (last {chain.LastSequence}), {chain.Checkpoints} checkpoints ({chain.UnverifiableCheckpoints} signed by retired keys): {state}");
        }

        Console.WriteLine(verification.Instances.IsEmpty ? "no audit records" : verification.Intact ? "trail intact" : "trail NOT intact");
        return verification.Intact ? 0 : 1;
    }

    private static async Task<int> QueryAsync(FileInfo? config, IEnumerable<(string Name, string? Value)> filters, bool fhir, CancellationToken cancellationToken)
    {
        var given = filters.Where(filter => filter.Value is not null).Select(filter => KeyValuePair.Create(filter.Name, (IReadOnlyList<string>)[filter.Value!])).ToList(); // filtered non-null
        if (!AuditQueryParser.TryParse(given, int.MaxValue, int.MaxValue, out var query, out var problems))
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, problems).Replace("Parameter '", "Option '--", StringComparison.Ordinal));
            return 2;
        }

        await using var app = Open(config, out _);
        if (app is null)
        {
            return 2;
        }

        await using var output = Console.OpenStandardOutput();
        var count = await AuditExport.WriteAsync(app.Services.GetRequiredService<IAuditStore>().Stream(query), fhir, output, cancellationToken);
        Console.Error.WriteLine($"{count} records");
        return 0;
    }

    private static async Task<int> ScorecardAsync(FileInfo? config, string? from, string? to, CancellationToken cancellationToken)
    {
        var given = new List<KeyValuePair<string, IReadOnlyList<string>>>();
        if (from is not null)
        {
            given.Add(KeyValuePair.Create("from", (IReadOnlyList<string>)[from]));
        }

        if (to is not null)
        {
            given.Add(KeyValuePair.Create("to", (IReadOnlyList<string>)[to]));
        }

        if (!AuditQueryParser.TryParse(given, int.MaxValue, int.MaxValue, out var query, out var problems))
        {
            Console.Error.WriteLine(string.Join(Environment.NewLine, problems).Replace("Parameter '", "Option '--", StringComparison.Ordinal));
            return 2;
        }

        await using var app = Open(config, out _);
        if (app is null)
        {
            return 2;
        }

        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var end = query.To ?? now;
        var scorecard = app.Services.GetRequiredService<IAuditStore>().Scorecard(query.From ?? end.AddDays(-30), end, now) with
        {
            Governance = Governance.GovernanceStanding.Of(
                app.Services.GetRequiredService<Governance.GovernanceRegistry>().Current, app.Services.GetRequiredService<Partners.PartnerRegistry>().Current, now),
        };
        cancellationToken.ThrowIfCancellationRequested();
        Console.WriteLine(JsonSerializer.Serialize(scorecard, Pretty));
        return 0;
    }

    // The gateway's own composition (not started: no listener is bound), so the command reads exactly the
    // store and key ring the gateway would.
    private static WebApplication? Open(FileInfo? config, out string database)
    {
        database = string.Empty;
        if (config is { Exists: false })
        {
            Console.Error.WriteLine($"{config.FullName}: no such configuration file.");
            return null;
        }

        var app = GatewayApplication.Build(config?.FullName, builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ObservabilityOptions.SectionName + ":ConsoleToStandardError"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
        }));
        database = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.DatabasePath(SqliteAuditStore.FileName);
        return app;
    }

    private static string FilterHelp(string name) => name switch
    {
        "partner" => "Partner id.",
        "workload" => "Qualified workload id, partner/workload.",
        "member" => "Member key.",
        "consent" => "Consent id.",
        "request" => "Request id (X-Request-Id, the downstream token's decision_id).",
        "reason" => "Denial reason code, e.g. consent-revoked.",
        "decision" => "allow or deny.",
        "kind" => "request or change.",
        "from" => "Records at or after this time (ISO 8601).",
        "to" => "Records before this time (ISO 8601).",
        _ => name,
    };
}
