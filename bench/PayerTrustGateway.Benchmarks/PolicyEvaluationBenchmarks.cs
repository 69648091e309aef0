using System.Text;
using BenchmarkDotNet.Attributes;
using PayerTrustGateway.Fhir;
using PayerTrustGateway.Policy;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Benchmarks;

/// <summary>Per-request policy work: classify the FHIR request, then evaluate the route policy.</summary>
[MemoryDiagnoser]
public class PolicyEvaluationBenchmarks
{
    private static readonly byte[] Transaction = Encoding.UTF8.GetBytes(
        "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" +
        string.Join(",", Enumerable.Range(0, 10).Select(i => $"{{\"request\":{{\"method\":\"GET\",\"url\":\"Observation?patient=member-{i}&_include=Observation:subject:Patient\"}}}}")) +
        "]}");

    private readonly TrustPolicy _policy = TrustPolicy.From("member-data", new TrustPolicyOptions
    {
        Partners = ["plan-a"],
        ResourceTypes = ["Patient", "Observation", "Coverage", "Provenance"],
        Interactions = ["read", "search-type", "transaction"],
    });

    private readonly PolicySubject _subject = new("plan-a", "claims-sync", [], ActorKind.System, TokenBinding.Certificate,
        ["system/Patient.rs", "system/Observation.rs", "system/Provenance.rs"], []);

    [Benchmark(Baseline = true)]
    public bool Read() => Decide("GET", "Patient/member-1001", string.Empty, []);

    [Benchmark]
    public bool SearchWithIncludeAndRevinclude() =>
        Decide("GET", "Observation", "patient=member-1001&_include=Observation:subject:Patient&_revinclude=Provenance:target&_count=50", []);

    [Benchmark]
    public bool TransactionOfTenSearches() => Decide("POST", string.Empty, string.Empty, Transaction);

    private bool Decide(string method, string path, string query, byte[] body) =>
        RoutePolicyEvaluator.Evaluate(_policy, FhirRequestClassifier.Classify(method, path, query, body, false), _subject).IsAllowed;
}
