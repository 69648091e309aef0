using System.Text.Json.Serialization;

namespace PayerTrustGateway.LoadHarness;

/// <summary>Source-generated JSON for the report consumed by <c>bench/run-load.sh</c>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LoadReport))]
internal sealed partial class LoadReportJsonContext : JsonSerializerContext;
