using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tokens;

/// <summary>
/// Checks a DPoP proof as RFC 9449 §4.3 lists: typ dpop+jwt, asymmetric alg, a public jwk (no private
/// members) that verifies the signature, htm, htu (no query or fragment, compared after normalisation
/// against the gateway's configured public origin, never Host), iat window, jti, ath over the access
/// token, and the server nonce when required (§9). Replay of the jti is the caller's job.
/// </summary>
internal sealed class DpopProofValidator
{
    private const int MaxProofLength = 8 * 1024;
    private const int MaxJtiLength = 256;
    private static readonly FrozenSet<string> Algorithms = DenialResponseWriter.DpopAlgorithms.Split(' ').ToFrozenSet(StringComparer.Ordinal);
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "k"];

    private readonly TimeProvider _time;
    private readonly DpopNonces _nonces;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };

    public DpopProofValidator(TimeProvider time, DpopNonces nonces)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(nonces);
        _time = time;
        _nonces = nonces;
    }

    /// <param name="proof">The DPoP header value.</param>
    /// <param name="method">The request method.</param>
    /// <param name="targetUri">The external target URI without query: public origin plus the path as sent.</param>
    /// <param name="accessToken">The access token the proof accompanies (ath), or null at the token endpoint.</param>
    /// <param name="options">Windows and nonce policy.</param>
    public async ValueTask<DpopProofResult> ValidateAsync(string proof, string method, Uri targetUri, string? accessToken, TokensOptions options)
    {
        ArgumentNullException.ThrowIfNull(proof);
        ArgumentNullException.ThrowIfNull(targetUri);
        ArgumentNullException.ThrowIfNull(options);
        if (proof.Length > MaxProofLength || !_handler.CanReadToken(proof))
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "not a compact JWS");
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(proof);
        }
        catch (ArgumentException)
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "malformed JWT");
        }

        if (!string.Equals(jwt.Typ, "dpop+jwt", StringComparison.OrdinalIgnoreCase) || !Algorithms.Contains(jwt.Alg))
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "typ or alg");
        }

        var key = ReadPublicJwk(jwt.EncodedHeader);
        if (key is null)
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "jwk missing, private or unsupported");
        }

        var signature = await _handler.ValidateTokenAsync(jwt, Parameters(key));
        if (!signature.IsValid)
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "signature");
        }

        return CheckClaims(jwt, key, method, targetUri, accessToken, options);
    }

    private DpopProofResult CheckClaims(JsonWebToken jwt, JsonWebKey key, string method, Uri targetUri, string? accessToken, TokensOptions options)
    {
        if (!jwt.TryGetPayloadValue<string>("jti", out var jti) || string.IsNullOrEmpty(jti) || jti.Length > MaxJtiLength
            || !jwt.TryGetPayloadValue<string>("htm", out var htm)
            || !jwt.TryGetPayloadValue<string>("htu", out var htu)
            || !jwt.TryGetPayloadValue<long>("iat", out var iatSeconds))
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "jti, htm, htu or iat missing");
        }

        if (!string.Equals(htm, method, StringComparison.Ordinal) || !SameTarget(htu, targetUri))
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "htm or htu");
        }

        var now = _time.GetUtcNow();
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iatSeconds);
        if (now - issuedAt > options.DpopProofMaxAge || issuedAt - now > options.DpopProofFutureSkew)
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "iat outside the window");
        }

        if (accessToken is not null && !AthMatches(jwt, accessToken))
        {
            return DpopProofResult.Deny(DenyReason.DpopProofInvalid, "ath");
        }

        if (options.RequireDpopNonce && !(jwt.TryGetPayloadValue<string>("nonce", out var nonce) && _nonces.IsValid(nonce, options.DpopNonceLifetime)))
        {
            return DpopProofResult.Deny(DenyReason.DpopNonceRequired, "nonce missing or stale");
        }

        var thumbprint = Base64Url.EncodeToString(key.ComputeJwkThumbprint());
        return new DpopProofResult(DenyReason.None, "valid", thumbprint, "dpop:" + thumbprint + ":" + jti, issuedAt + options.DpopProofMaxAge + options.DpopProofFutureSkew);
    }

    // RFC 9449 §4.3 (9), RFC 3986 §6.2.2-6.2.3: scheme and host case-insensitive, default port dropped,
    // unreserved escapes decoded (System.Uri does this); no query or fragment in htu.
    private static bool SameTarget(string htu, Uri target)
    {
        if (!Uri.TryCreate(htu, UriKind.Absolute, out var claimed) || claimed.Query.Length > 0 || claimed.Fragment.Length > 0 || htu.Contains('#', StringComparison.Ordinal))
        {
            return false;
        }

        return string.Equals(claimed.Scheme, target.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(claimed.IdnHost, target.IdnHost, StringComparison.OrdinalIgnoreCase)
            && claimed.Port == target.Port
            && string.Equals(claimed.AbsolutePath, target.AbsolutePath, StringComparison.Ordinal);
    }

    // RFC 9449 §4.2: ath = base64url(SHA-256(ASCII(access token))), compared on the decoded bytes.
    private static bool AthMatches(JsonWebToken jwt, string accessToken)
    {
        Span<byte> claimed = stackalloc byte[SHA256.HashSizeInBytes];
        if (!jwt.TryGetPayloadValue<string>("ath", out var ath)
            || ath.Length != 43
            || !Base64UrlDigest.TryDecodeExact(ath, claimed))
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.ASCII.GetBytes(accessToken), actual);
        return CryptographicOperations.FixedTimeEquals(claimed, actual);
    }

    private static JsonWebKey? ReadPublicJwk(string encodedHeader)
    {
        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(encodedHeader));
            if (!header.RootElement.TryGetProperty("jwk", out var jwk) || jwk.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var member in PrivateMembers)
            {
                if (jwk.TryGetProperty(member, out _))
                {
                    return null;
                }
            }

            var key = new JsonWebKey(jwk.GetRawText());
            return key.Kty is JsonWebAlgorithmsKeyTypes.EllipticCurve or JsonWebAlgorithmsKeyTypes.RSA ? key : null;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static TokenValidationParameters Parameters(JsonWebKey key) => new()
    {
        IssuerSigningKey = key,
        ValidAlgorithms = Algorithms,
        ValidateIssuer = false,
        ValidateAudience = false,
        ValidateLifetime = false,
        RequireExpirationTime = false,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = false,
        TypeValidator = (type, _, _) => type ?? string.Empty,
    };
}
