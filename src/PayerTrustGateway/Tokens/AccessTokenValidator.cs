using System.Buffers.Text;
using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// Validates an inbound access token with the framework's JWT handler against its configured issuer:
/// algorithm allow-list, issuer keys only (never header-embedded keys), exact iss, aud, exp/nbf within
/// skew, typ at+jwt (RFC 9068 §4), no crit extensions (RFC 7515 §4.1.11), required claims with their
/// JSON types (RFC 9068 §2.2, RFC 8725 §3.10), lifetime cap. The token string is never logged.
/// </summary>
internal sealed class AccessTokenValidator
{
    private const int MaxTokenLength = 16 * 1024;
    private const int MaxJtiLength = 256;
    private static readonly string[] RequiredStringClaims = ["iss", "sub", "client_id", "jti"];
    private static readonly JsonDocumentOptions StrictJson = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private readonly IssuerRegistry _issuers;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public AccessTokenValidator(IssuerRegistry issuers, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        ArgumentNullException.ThrowIfNull(time);
        _issuers = issuers;
        _time = time;
    }

    /// <summary>Validates <paramref name="token"/>, reusing the connection's last result for the same token when it is still current.</summary>
    public async ValueTask<AccessTokenValidationResult> ValidateAsync(string token, TokenValidationCache? cache, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var snapshot = _issuers.Snapshot;
        var cached = cache?.Get(token, snapshot, _time.GetUtcNow());
        if (cached is not null)
        {
            return cached;
        }

        var result = await ValidateAsync(token, cancellationToken);
        if (result.Reason == DenyReason.None && !result.SingleUse && cache is not null && _issuers.Find(result.IssuerValue) is { } issuer)
        {
            cache.Set(token, snapshot, result, issuer.ClockSkew);
        }

        return result;
    }

    public async ValueTask<AccessTokenValidationResult> ValidateAsync(string token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        if (token.Length > MaxTokenLength || !_handler.CanReadToken(token))
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "not a compact JWS");
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "malformed JWT");
        }

        var issuer = jwt.TryGetPayloadValue<string>("iss", out var iss) ? _issuers.Find(iss) : null;
        var verdict = CheckHeader(jwt, issuer);
        if (verdict is not null)
        {
            return verdict;
        }

        var keys = await issuer!.Keys.GetKeysAsync(string.IsNullOrEmpty(jwt.Kid) ? null : jwt.Kid, cancellationToken);
        if (keys.Status == KeyLookupStatus.Unavailable)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenIssuerUnavailable, $"no keys for issuer {issuer.Name}");
        }

        if (keys.Status == KeyLookupStatus.UnknownKey)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "unknown kid");
        }

        var result = await _handler.ValidateTokenAsync(jwt, Parameters(issuer, keys.Keys));
        if (!result.IsValid)
        {
            return AccessTokenValidationResult.Deny(MapFailure(result.Exception), result.Exception?.GetType().Name ?? "invalid");
        }

        return CheckClaims(jwt, issuer);
    }

    private static AccessTokenValidationResult? CheckHeader(JsonWebToken jwt, IssuerEntry? issuer)
    {
        if (issuer is null)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "unknown issuer");
        }

        if (jwt.IsEncrypted)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "JWE not accepted");
        }

        if (!issuer.Algorithms.Contains(jwt.Alg))
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, $"alg {jwt.Alg} not allowed");
        }

        // RFC 7515 §4.1.11: the gateway implements no JWS extensions, so any crit is unsupported.
        if (jwt.TryGetHeaderValue<object>("crit", out _))
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "crit header");
        }

        return IsType(jwt.Typ, issuer.RequiredType) ? null : AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "wrong typ");
    }

    // RFC 7515 §4.1.9: typ compares case-insensitively; "application/" may be omitted.
    private static bool IsType(string? typ, string required) =>
        typ is not null
        && (string.Equals(typ, required, StringComparison.OrdinalIgnoreCase)
            || string.Equals(typ, "application/" + required, StringComparison.OrdinalIgnoreCase));

    private TokenValidationParameters Parameters(IssuerEntry issuer, IReadOnlyList<SecurityKey> keys) => new()
    {
        ValidIssuer = issuer.Issuer,
        ValidAudiences = issuer.Audiences,
        ValidAlgorithms = issuer.Algorithms,
        IssuerSigningKeys = keys,
        ClockSkew = issuer.ClockSkew,
        RequireSignedTokens = true,
        RequireExpirationTime = true,
        RequireAudience = true,
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = false,
        TryAllIssuerSigningKeys = true,
        TypeValidator = (type, _, _) => type ?? string.Empty,
        LifetimeValidator = TokenLifetime.On(_time, issuer.ClockSkew),
    };

    private AccessTokenValidationResult CheckClaims(JsonWebToken jwt, IssuerEntry issuer)
    {
        using var payload = ParsePayload(jwt);
        if (payload is null || payload.RootElement.ValueKind != JsonValueKind.Object)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "payload is not a JSON object without duplicate members");
        }

        foreach (var claim in RequiredStringClaims)
        {
            if (!TryGetString(payload, claim, out var value) || value.Length == 0)
            {
                return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, $"{claim} missing or not a string");
            }
        }

        if (!jwt.TryGetPayloadValue<long>("iat", out var iatSeconds))
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "iat missing or not a number");
        }

        var now = _time.GetUtcNow();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
        var expiresAt = new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero);
        if (issuedAt > now + issuer.ClockSkew || expiresAt - issuedAt > issuer.MaxTokenLifetime)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenExpired, "iat in the future or lifetime above the issuer's maximum");
        }

        var scope = string.Empty;
        if (payload.RootElement.TryGetProperty("scope", out _) && !TryGetString(payload, "scope", out scope))
        {
            // RFC 9068 §2.2.3: scope is a space-delimited string, never an array.
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "scope is not a string");
        }

        var jti = jwt.Id;
        if (jti.Length > MaxJtiLength)
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "jti too long");
        }

        if (!TryReadConfirmation(payload, out var x5t, out var jkt))
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "cnf malformed");
        }

        TryGetString(payload, "client_id", out var clientId);
        var binding = (x5t, jkt) switch
        {
            (not null, not null) => TokenBinding.CertificateAndDpopKey,
            (not null, null) => TokenBinding.Certificate,
            (null, not null) => TokenBinding.DpopKey,
            _ => TokenBinding.None,
        };
        var scopes = (scope ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries).ToImmutableArray();
        if (!TryReadPurposes(payload, out var purposes))
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "purpose_of_use is not a string or array of strings");
        }

        if (!TryReadDelegation(payload, out var actor, out var mayAct))
        {
            return AccessTokenValidationResult.Deny(DenyReason.TokenInvalid, "act or may_act is not a JSON object with string sub");
        }

        TryGetString(payload, "sub", out var subject);
        var identity = new TokenIdentity(issuer.Name, clientId, jti, scopes, binding, expiresAt)
        {
            PurposesOfUse = purposes,
            IssuedAt = issuedAt,
            Subject = subject,
            Actor = actor,
            MayActSubject = mayAct,
        };
        return new AccessTokenValidationResult(DenyReason.None, "valid", identity, x5t, jkt, issuer.SingleUse) { IssuerValue = issuer.Issuer };
    }

    // RFC 8725 §3.10, S3.7: claims are read from the payload as JSON with their types checked; a
    // member name that appears twice makes the whole token invalid.
    private static JsonDocument? ParsePayload(JsonWebToken jwt)
    {
        try
        {
            return JsonDocument.Parse(Base64Url.DecodeFromChars(jwt.EncodedPayload), StrictJson);
        }
        catch (Exception exception) when (exception is JsonException or FormatException)
        {
            return null;
        }
    }

    private static bool TryGetString(JsonDocument payload, string name, out string value)
    {
        value = string.Empty;
        if (!payload.RootElement.TryGetProperty(name, out var element) || element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString()!;
        return true;
    }

    private static bool TryReadPurposes(JsonDocument payload, out ImmutableArray<string> purposes)
    {
        purposes = [];
        if (!payload.RootElement.TryGetProperty("purpose_of_use", out var element))
        {
            return true;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            purposes = [element.GetString()!];
            return true;
        }

        if (element.ValueKind != JsonValueKind.Array || element.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            return false;
        }

        purposes = [.. element.EnumerateArray().Select(item => item.GetString()!)];
        return true;
    }

    // RFC 8693 §4.1 / §4.4: act and may_act are JSON objects; every actor in the act chain names its sub.
    private static bool TryReadDelegation(JsonDocument payload, out string? actor, out string? mayActSubject)
    {
        actor = null;
        mayActSubject = null;
        if (payload.RootElement.TryGetProperty("act", out var act))
        {
            for (var current = act; ; current = current.GetProperty("act"))
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String)
                {
                    return false;
                }

                if (!current.TryGetProperty("act", out _))
                {
                    break;
                }
            }

            var compact = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(compact))
            {
                act.WriteTo(writer);
            }

            actor = System.Text.Encoding.UTF8.GetString(compact.WrittenSpan);
        }

        if (payload.RootElement.TryGetProperty("may_act", out var mayAct))
        {
            if (mayAct.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            mayActSubject = mayAct.TryGetProperty("sub", out var sub) && sub.ValueKind == JsonValueKind.String ? sub.GetString() : string.Empty;
        }

        return true;
    }

    // RFC 7800 §3.1: cnf is an object; its x5t#S256 (RFC 8705 §3.1) and jkt (RFC 9449 §6.1) are strings.
    private static bool TryReadConfirmation(JsonDocument payload, out string? x5t, out string? jkt)
    {
        x5t = null;
        jkt = null;
        if (!payload.RootElement.TryGetProperty("cnf", out var cnf))
        {
            return true;
        }

        if (cnf.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var member in cnf.EnumerateObject())
        {
            if (member.Value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            if (member.NameEquals("x5t#S256"))
            {
                x5t = member.Value.GetString();
            }
            else if (member.NameEquals("jkt"))
            {
                jkt = member.Value.GetString();
            }
        }

        return true;
    }

    private static DenyReason MapFailure(Exception? exception) => exception switch
    {
        SecurityTokenExpiredException or SecurityTokenNotYetValidException or SecurityTokenInvalidLifetimeException => DenyReason.TokenExpired,
        _ => DenyReason.TokenInvalid,
    };
}
