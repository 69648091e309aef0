using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text.Json;

namespace PayerTrustGateway.Audit;

/// <summary>
/// The tamper evidence of one instance's trail: each record's hash is SHA-256 over the previous record's
/// hash and the record's canonical form, so editing, removing or reordering a stored record breaks every
/// hash after it. The canonical form is compact UTF-8 JSON with every field in a fixed order (nulls
/// written, times as Unix milliseconds, lists as arrays); it never depends on how the record was stored.
/// </summary>
internal static class AuditChain
{
    public const int HashLength = 32;

    /// <summary>The previous hash of an instance's first record.</summary>
    public static readonly ImmutableArray<byte> Genesis = ImmutableArray.Create(new byte[HashLength]);

    /// <summary>The record placed after <paramref name="previousHash"/> at <paramref name="sequence"/>, with its hashes set.</summary>
    public static AuditRecord Link(AuditRecord record, long sequence, ImmutableArray<byte> previousHash)
    {
        ArgumentNullException.ThrowIfNull(record);
        var linked = record with { Sequence = sequence, PreviousHash = previousHash, Hash = [] };
        return linked with { Hash = ComputeHash(linked) };
    }

    /// <summary>SHA-256(previous hash ‖ canonical form) of a record as stored.</summary>
    public static ImmutableArray<byte> ComputeHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(1024);
        buffer.Write(record.PreviousHash.AsSpan());
        WriteCanonical(record, buffer);
        return ImmutableArray.Create(SHA256.HashData(buffer.WrittenSpan));
    }

    /// <summary>The canonical form: fixed member order, compact, UTF-8. The hashes themselves are not part of it.</summary>
    public static byte[] Canonical(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(1024);
        WriteCanonical(record, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// The export form (one NDJSON line): the canonical members followed by <c>prevHash</c> and <c>hash</c>
    /// (base64url), so anyone holding an export can re-check the chain without the gateway.
    /// </summary>
    public static void WriteExport(AuditRecord record, Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        WriteMembers(record, json);
        json.WriteString("prevHash", Base64Url.EncodeToString(record.PreviousHash.AsSpan()));
        json.WriteString("hash", Base64Url.EncodeToString(record.Hash.AsSpan()));
        json.WriteEndObject();
    }

    private static void WriteCanonical(AuditRecord record, IBufferWriter<byte> output)
    {
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, SkipValidation = false });
        json.WriteStartObject();
        WriteMembers(record, json);
        json.WriteEndObject();
    }

    private static void WriteMembers(AuditRecord record, Utf8JsonWriter json)
    {
        json.WriteString("instance", record.Instance);
        json.WriteNumber("seq", record.Sequence);
        json.WriteNumber("time", record.Time.ToUnixTimeMilliseconds());
        json.WriteString("kind", record.Kind == AuditKind.Request ? "request" : "change");
        json.WriteString("requestId", record.RequestId);
        WriteOptional(json, "traceId", record.TraceId);
        WriteOptional(json, "listener", record.Listener);
        json.WriteString("actorKind", record.ActorKind);
        WriteOptional(json, "actor", record.Actor);
        WriteOptional(json, "partner", record.Partner);
        WriteOptional(json, "workload", record.Workload);
        WriteOptional(json, "certificateThumbprint", record.CertificateThumbprint);
        WriteOptional(json, "certificateNotAfter", record.CertificateNotAfter?.ToUnixTimeMilliseconds());
        WriteOptional(json, "tokenIssuer", record.TokenIssuer);
        WriteOptional(json, "tokenClient", record.TokenClient);
        WriteOptional(json, "tokenId", record.TokenId);
        WriteOptional(json, "tokenBinding", record.TokenBinding);
        WriteOptional(json, "tokenLifetimeSeconds", record.TokenLifetimeSeconds);
        WriteOptional(json, "member", record.Member);
        WriteOptional(json, "consentId", record.ConsentId);
        WriteOptional(json, "consentVersion", record.ConsentVersion);
        WriteList(json, "purposesOfUse", record.PurposesOfUse);
        WriteOptional(json, "policy", record.Policy);
        WriteOptional(json, "rule", record.Rule);
        json.WriteString("decision", record.Decision);
        WriteOptional(json, "reason", record.Reason);
        WriteList(json, "evidence", record.Evidence);
        WriteList(json, "shadowDisagreements", record.ShadowDisagreements);
        WriteOptional(json, "method", record.Method);
        WriteOptional(json, "route", record.Route);
        WriteOptional(json, "interaction", record.Interaction);
        WriteOptional(json, "resourceType", record.ResourceType);
        WriteOptional(json, "operation", record.Operation);
        json.WriteNumber("status", record.Status);
        json.WriteNumber("latencyMicroseconds", record.LatencyMicroseconds);
        WriteOptional(json, "consentMicroseconds", record.ConsentMicroseconds);
        if (record.MatchConfidence is { } confidence)
        {
            json.WriteNumber("matchConfidence", confidence);
        }
        else
        {
            json.WriteNull("matchConfidence");
        }

        WriteOptional(json, "exceptionId", record.ExceptionId);
        json.WriteBoolean("breakGlass", record.BreakGlass);
        WriteOptional(json, "action", record.Action);
        WriteOptional(json, "target", record.Target);
        WriteOptional(json, "before", record.Before);
        WriteOptional(json, "after", record.After);
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteList(Utf8JsonWriter json, string name, ImmutableArray<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values.IsDefault ? [] : values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
