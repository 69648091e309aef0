using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PayerTrustGateway.Consent;
using PayerTrustGateway.Hosting;

namespace PayerTrustGateway.Benchmarks;

/// <summary>
/// The live-consent decision with 1,000,000 consents in the embedded SQLite store: warm (member cached,
/// one store-position read per lookup, as on every request) and cold (cache off: an indexed read of the
/// member's consents every time), each followed by the pure evaluation.
/// </summary>
[MemoryDiagnoser]
public class ConsentDecisionBenchmarks
{
    private ConsentRegistry _warm = null!;
    private ConsentRegistry _cold = null!;
    private ConsentRules _rules = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var store = ConsentBenchmarkStore.Open(ConsentBenchmarkStore.Records);
        _warm = ConsentBenchmarkStore.Registry(store, cacheCapacity: 100_000);
        _cold = ConsentBenchmarkStore.Registry(store, cacheCapacity: 0);
        _rules = _warm.Rules;
        for (var i = 0; i < 1_000; i++)
        {
            _warm.GetAsync(ConsentBenchmarkStore.Member(i), default).AsTask().GetAwaiter().GetResult();
        }
    }

    [Benchmark(Baseline = true)]
    public async Task<bool> WarmMember() => Decide(await _warm.GetAsync(ConsentBenchmarkStore.Member(_next++ % 1_000), default));

    [Benchmark]
    public async Task<bool> ColdMember() => Decide(await _cold.GetAsync(ConsentBenchmarkStore.Member((_next++ * 7919) % ConsentBenchmarkStore.Records), default));

    private bool Decide(MemberConsents consents) =>
        ConsentEvaluator.Evaluate(consents.Records, new ConsentRequest(consents.MemberKey, "plan-a", [ConsentBenchmarkStore.Purpose], ["ExplanationOfBenefit"]), _rules, ConsentBenchmarkStore.Now).IsAllowed;
}

/// <summary>The 1,000,000-record benchmark store, built once into the temp folder and reused by every benchmark process.</summary>
internal static class ConsentBenchmarkStore
{
    public const int Records = 1_000_000;
    public const string Purpose = "urn:oid:2.16.840.1.113883.5.8#COC";
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public static string Member(int i) => "member-" + i.ToString("D7", System.Globalization.CultureInfo.InvariantCulture);

    public static SqliteConsentStore Open(int records)
    {
        var path = Path.Combine(Path.GetTempPath(), $"ptg-bench-consents-{records}.db");
        var ready = path + ".ready";
        if (!File.Exists(ready))
        {
            foreach (var stale in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(path) + "*"))
            {
                File.Delete(stale);
            }
        }

        var store = new SqliteConsentStore(path, TimeSpan.FromSeconds(30));
        if (!File.Exists(ready))
        {
            // One consent per member, a tenth with a second (other partner), every 50th revoked later.
            var terms = Enumerable.Range(0, records).Select(i => new ConsentTerms(
                Member(i % (records * 9 / 10)), ["https://payer.example/member|M" + i], i >= records * 9 / 10 ? "plan-b" : "plan-a", [Purpose],
                ["member", "claims"], ConsentPolicy.Regular, Now.AddDays(-30), Now.AddDays(335), null, null));
            store.ImportAsync(terms, "benchmark", Now, default).GetAwaiter().GetResult();
            File.WriteAllText(ready, records.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return store;
    }

    public static ConsentRegistry Registry(IConsentStore store, int cacheCapacity)
    {
        var options = new ConsentOptions { CacheCapacity = cacheCapacity };
        options.DataClasses["member"] = new DataClassOptions { ResourceTypes = ["Patient", "Coverage"] };
        options.DataClasses["claims"] = new DataClassOptions { ResourceTypes = ["ExplanationOfBenefit"] };
        return new ConsentRegistry(store, new LastGoodOptions<ConsentOptions>(
            new OptionsFactory<ConsentOptions>([new ConfigureOptions<ConsentOptions>(o =>
            {
                o.CacheCapacity = options.CacheCapacity;
                o.DataClasses = options.DataClasses;
            })], []),
            [],
            NullLogger<LastGoodOptions<ConsentOptions>>.Instance));
    }
}
