using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// One gateway signing key: the private key that signs, a public-only copy that verifies, its kid
/// (RFC 7638 thumbprint unless configured) and its public JWK (RFC 7517; no private members, ever).
/// </summary>
internal sealed class SigningKey : IDisposable
{
    public static readonly IReadOnlyList<string> SupportedAlgorithms = [SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.RsaSha256];

    private const int GeneratedRsaBits = 3072;
    private const int MinimumRsaBits = 2048;

    private readonly AsymmetricAlgorithm _private;
    private readonly AsymmetricAlgorithm _public;

    private SigningKey(AsymmetricAlgorithm privateKey, string? keyId)
    {
        _private = privateKey;
        SecurityKey privateSecurityKey;
        JsonWebKey jwk;
        if (privateKey is ECDsa ec)
        {
            Algorithm = SecurityAlgorithms.EcdsaSha256;
            var publicKey = ECDsa.Create(ec.ExportParameters(false));
            _public = publicKey;
            privateSecurityKey = new ECDsaSecurityKey(ec);
            PublicKey = new ECDsaSecurityKey(publicKey);
            jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey((ECDsaSecurityKey)PublicKey);
        }
        else
        {
            var rsa = (RSA)privateKey;
            Algorithm = SecurityAlgorithms.RsaSha256;
            var publicKey = RSA.Create(rsa.ExportParameters(false));
            _public = publicKey;
            privateSecurityKey = new RsaSecurityKey(rsa);
            PublicKey = new RsaSecurityKey(publicKey);
            jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey((RsaSecurityKey)PublicKey);
        }

        KeyId = string.IsNullOrWhiteSpace(keyId) ? Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()) : keyId;
        privateSecurityKey.KeyId = KeyId;
        PublicKey.KeyId = KeyId;
        Credentials = new SigningCredentials(privateSecurityKey, Algorithm);
        Jwk = PublicJwk(jwk, KeyId, Algorithm);
    }

    public string KeyId { get; }

    /// <summary><c>ES256</c> or <c>RS256</c>.</summary>
    public string Algorithm { get; }

    /// <summary>Signs with the private key.</summary>
    public SigningCredentials Credentials { get; }

    /// <summary>Verifies (public key only).</summary>
    public SecurityKey PublicKey { get; }

    /// <summary>The public JWK as published.</summary>
    public JsonObject Jwk { get; }

    /// <summary>A new key for <paramref name="algorithm"/> (ES256: P-256; RS256: RSA 3072).</summary>
    public static SigningKey Generate(string algorithm) => algorithm switch
    {
        SecurityAlgorithms.EcdsaSha256 => new SigningKey(ECDsa.Create(ECCurve.NamedCurves.nistP256), null),
        SecurityAlgorithms.RsaSha256 => new SigningKey(RSA.Create(GeneratedRsaBits), null),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "ES256 or RS256"),
    };

    /// <summary>Reads a private key from PEM text; refuses curves and sizes the gateway does not sign with.</summary>
    public static bool TryImport(string pem, string? keyId, out SigningKey? key, out string? problem)
    {
        key = null;
        problem = null;
        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            if (!HasPrivateKey(ec))
            {
                problem = "the file holds a public key; a signing key needs the private key";
                ec.Dispose();
                return false;
            }

            if (ec.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                problem = "an EC key must be on P-256 (ES256)";
                ec.Dispose();
                return false;
            }

            key = new SigningKey(ec, keyId);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            ec.Dispose();
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            if (!HasPrivateKey(rsa))
            {
                problem = "the file holds a public key; a signing key needs the private key";
                rsa.Dispose();
                return false;
            }

            if (rsa.KeySize < MinimumRsaBits)
            {
                problem = $"an RSA key must have at least {MinimumRsaBits} bits";
                rsa.Dispose();
                return false;
            }

            key = new SigningKey(rsa, keyId);
            return true;
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            problem = "the file holds no EC P-256 or RSA private key in PEM";
            return false;
        }
    }

    /// <summary>Reads a private key from a PEM file.</summary>
    public static bool TryLoad(string path, string? keyId, out SigningKey? key, out string? problem)
    {
        key = null;
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = $"'{path}' cannot be read ({exception.GetType().Name})";
            return false;
        }

        if (!TryImport(pem, keyId, out key, out problem))
        {
            problem = $"'{path}': {problem}";
            return false;
        }

        return true;
    }

    /// <summary>The private key as PKCS#8 PEM, for the generated ring's owner-only file.</summary>
    public string ExportPrivateKeyPem() => _private switch
    {
        ECDsa ec => ec.ExportPkcs8PrivateKeyPem(),
        RSA rsa => rsa.ExportPkcs8PrivateKeyPem(),
        _ => throw new InvalidOperationException("unsupported key type"),
    };

    public void Dispose()
    {
        _private.Dispose();
        _public.Dispose();
    }

    private static bool HasPrivateKey(AsymmetricAlgorithm key)
    {
        try
        {
            _ = key is ECDsa ec ? ec.ExportParameters(true).D : ((RSA)key).ExportParameters(true).D;
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    // RFC 7517 §4, RFC 7518 §6.2.1 / §6.3.1: public members only.
    private static JsonObject PublicJwk(JsonWebKey jwk, string keyId, string algorithm)
    {
        var json = new JsonObject { ["kty"] = jwk.Kty };
        if (jwk.Kty == JsonWebAlgorithmsKeyTypes.EllipticCurve)
        {
            json["crv"] = jwk.Crv;
            json["x"] = jwk.X;
            json["y"] = jwk.Y;
        }
        else
        {
            json["n"] = jwk.N;
            json["e"] = jwk.E;
        }

        json["kid"] = keyId;
        json["use"] = "sig";
        json["alg"] = algorithm;
        return json;
    }
}
