using System.Text.Json;
using System.Text.Json.Serialization;

namespace PayerTrustGateway.Governance;

/// <summary>The one mapping between governance records and their stored form: kind, key and JSON body.</summary>
internal static class GovernanceDocuments
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static (string Kind, string Key) Identify(object document) => document switch
    {
        PartnerRecord partner => ("partner", partner.Id),
        WorkloadRecord workload => ("workload", workload.QualifiedId),
        AttachedCertificate certificate => ("certificate", certificate.Thumbprint),
        CertificateRevocation revocation => ("revocation", revocation.Thumbprint),
        PostureSignal signal => ("posture", signal.PartnerId),
        AccessGrant grant => ("grant", grant.Id),
        ReviewItem review => ("review", review.Id),
        _ => throw new ArgumentException($"Not a governance document: {document?.GetType().Name}.", nameof(document)),
    };

    public static string Serialize(object document) => JsonSerializer.Serialize(document, document.GetType(), Json);

    /// <summary>The record stored under <paramref name="kind"/>; throws on a kind this version does not know (fail closed).</summary>
    public static object Deserialize(string kind, string body) => kind switch
    {
        "partner" => Read<PartnerRecord>(body),
        "workload" => Read<WorkloadRecord>(body),
        "certificate" => Read<AttachedCertificate>(body),
        "revocation" => Read<CertificateRevocation>(body),
        "posture" => Read<PostureSignal>(body),
        "grant" => Read<AccessGrant>(body),
        "review" => Read<ReviewItem>(body),
        _ => throw new InvalidDataException($"Unknown governance document kind '{kind}'."),
    };

    private static T Read<T>(string body) =>
        JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidDataException($"Empty {typeof(T).Name} document.");
}
