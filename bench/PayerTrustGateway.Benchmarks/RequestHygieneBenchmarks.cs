using BenchmarkDotNet.Attributes;
using PayerTrustGateway.Hygiene;

namespace PayerTrustGateway.Benchmarks;

/// <summary>Cost of inspecting a request target on every request.</summary>
[MemoryDiagnoser]
public class RequestHygieneBenchmarks
{
    [Params(
        "/fhir/Patient/member-1001",
        "/fhir/ExplanationOfBenefit?patient=member-1001&_lastUpdated=ge2024-01-01&_count=50",
        "/fhir/Patient/..%2F..%2Fadmin")]
    public string Target { get; set; } = string.Empty;

    [Benchmark]
    public int Inspect() => (int)RequestTargetInspector.Inspect(Target, 4096);
}
