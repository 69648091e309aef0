using System.Buffers;
using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Exchange;

namespace PayerTrustGateway.Audit;

/// <summary>
/// Signs and verifies checkpoints with the gateway's signing key ring: a compact JWS whose payload names the
/// instance, sequence, chain hash and time (<c>typ</c> <c>audit-checkpoint+jwt</c>, a type no token the
/// gateway accepts can carry).
/// </summary>
internal sealed class AuditCheckpointSigner
{
    public const string TokenType = "audit-checkpoint+jwt";

    private static readonly Dictionary<string, object> Header = new(StringComparer.Ordinal) { ["typ"] = TokenType };

    private readonly SigningKeyRing _keys;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public AuditCheckpointSigner(SigningKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
    }

    public AuditCheckpoint Sign(string instance, long sequence, ImmutableArray<byte> hash, DateTimeOffset time)
    {
        var encodedHash = Base64Url.EncodeToString(hash.AsSpan());
        var key = _keys.Signing;
        var signature = _handler.CreateToken(Payload(instance, sequence, encodedHash, time), key.Credentials, Header);
        return new AuditCheckpoint(instance, sequence, encodedHash, time, key.KeyId, signature);
    }

    /// <summary>Whether the checkpoint's signature verifies with a key the ring still publishes and says what the row says.</summary>
    public async Task<CheckpointVerdict> VerifyAsync(AuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var keys = _keys.Published().Where(key => key.KeyId == checkpoint.KeyId).Select(key => key.PublicKey).ToList();
        if (keys.Count == 0)
        {
            return CheckpointVerdict.KeyNotPublished;
        }

        var result = await _handler.ValidateTokenAsync(checkpoint.Signature, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            ValidTypes = [TokenType],
            IssuerSigningKeys = keys,
        });
        cancellationToken.ThrowIfCancellationRequested();
        if (!result.IsValid)
        {
            return CheckpointVerdict.BadSignature;
        }

        var token = (JsonWebToken)result.SecurityToken;
        var expected = Payload(checkpoint.Instance, checkpoint.Sequence, checkpoint.Hash, checkpoint.Time);
        var signed = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token.EncodedPayload));
        return string.Equals(signed, expected, StringComparison.Ordinal) ? CheckpointVerdict.Valid : CheckpointVerdict.ContentMismatch;
    }

    private static string Payload(string instance, long sequence, string hash, DateTimeOffset time)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("instance", instance);
            json.WriteNumber("seq", sequence);
            json.WriteString("hash", hash);
            json.WriteNumber("time", time.ToUnixTimeMilliseconds());
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

/// <summary>What checking one checkpoint found.</summary>
internal enum CheckpointVerdict
{
    /// <summary>Signed by a published key, and the signed content equals the stored row.</summary>
    Valid,

    /// <summary>The signing key is no longer in the ring (rotated out after its overlap); the signature cannot be checked here.</summary>
    KeyNotPublished,

    /// <summary>The signature does not verify.</summary>
    BadSignature,

    /// <summary>The signature verifies but the stored row says something else (edited after signing).</summary>
    ContentMismatch,
}
