using System.Text.Json.Serialization;

namespace PayerTrustGateway.Policy;

/// <summary>One request in a policy test file and the decision the security team expects for it.</summary>
internal sealed record PolicyTestCase
{
    /// <summary>What the case checks, for the report.</summary>
    [JsonPropertyName("name")] public string Name { get; set; } = string.Empty;

    /// <summary>The policy to evaluate (or give <see cref="Route"/>).</summary>
    [JsonPropertyName("policy")] public string? Policy { get; set; }

    /// <summary>A route id under ReverseProxy:Routes whose TrustPolicy is evaluated.</summary>
    [JsonPropertyName("route")] public string? Route { get; set; }

    /// <summary>"partnerId/workloadId".</summary>
    [JsonPropertyName("workload")] public string Workload { get; set; } = string.Empty;

    /// <summary>Space-separated scopes of the token.</summary>
    [JsonPropertyName("scopes")] public string Scopes { get; set; } = string.Empty;

    [JsonPropertyName("purposeOfUse")] public List<string> PurposeOfUse { get; set; } = [];

    /// <summary>certificate (default), dpop, or none.</summary>
    [JsonPropertyName("binding")] public string Binding { get; set; } = "certificate";

    [JsonPropertyName("method")] public string Method { get; set; } = "GET";

    /// <summary>The request path and query, e.g. /fhir/Observation?patient=1.</summary>
    [JsonPropertyName("url")] public string Url { get; set; } = string.Empty;

    /// <summary>A JSON body (batch/transaction Bundle) or form body (_search).</summary>
    [JsonPropertyName("body")] public string? Body { get; set; }

    /// <summary>"allow" or a deny reason code such as "widening-not-allowed".</summary>
    [JsonPropertyName("expect")] public string Expect { get; set; } = string.Empty;
}

/// <summary>A policy test file.</summary>
internal sealed record PolicyTestFile([property: JsonPropertyName("cases")] List<PolicyTestCase> Cases);

[JsonSerializable(typeof(PolicyTestFile))]
[JsonSourceGenerationOptions(ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true)]
internal sealed partial class PolicyTestJson : JsonSerializerContext;
