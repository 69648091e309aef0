using System.Security.Cryptography;
using System.Text.Json;

namespace PayerTrustGateway.Hosting;

/// <summary>A short, stable fingerprint of an options snapshot (SHA-256 of its JSON form), for status pages and the audit trail.</summary>
internal static class ConfigurationFingerprint
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Of<TOptions>(TOptions options)
        where TOptions : class =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(options, Json)))[..16];
}
