using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace PayerTrustGateway.Exchange;

/// <summary>
/// The gateway's token-signing key (ES256), loaded from <see cref="TokenServiceOptions.SigningKeyPath"/> or
/// generated there at first start (owner-only file). The kid is the RFC 7638 thumbprint; the public key is
/// published as JWKS. Keys are never logged or committed.
/// </summary>
internal sealed class GatewaySigningKeys : IDisposable
{
    private readonly ECDsa _key;
    private readonly ECDsa _publicKey;

    public GatewaySigningKeys(IOptions<TokenServiceOptions> options, ILogger<GatewaySigningKeys> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var path = options.Value.SigningKeyPath ?? throw new OptionsValidationException(TokenServiceOptions.SectionName, typeof(TokenServiceOptions), ["SigningKeyPath is required."]);
        _key = ECDsa.Create();
        if (File.Exists(path))
        {
            _key.ImportFromPem(File.ReadAllText(path));
        }
        else
        {
            _key.GenerateKey(ECCurve.NamedCurves.nistP256);
            WriteOwnerOnly(path, _key.ExportPkcs8PrivateKeyPem());
            logger.SigningKeyGenerated(Path.GetFileName(path));
        }

        var securityKey = new ECDsaSecurityKey(_key);
        // The JWK keeps using this key object for verification: it lives as long as this instance.
        _publicKey = ECDsa.Create(_key.ExportParameters(false));
        var publicJwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(_publicKey));
        var keyId = Base64UrlEncoder.Encode(publicJwk.ComputeJwkThumbprint());
        securityKey.KeyId = keyId;
        publicJwk.KeyId = keyId;
        publicJwk.Use = "sig";
        publicJwk.Alg = SecurityAlgorithms.EcdsaSha256;
        SigningCredentials = new SigningCredentials(securityKey, SecurityAlgorithms.EcdsaSha256);
        PublicKeys = [publicJwk];
    }

    public SigningCredentials SigningCredentials { get; }

    /// <summary>The public keys to publish and to verify issued tokens with.</summary>
    public IReadOnlyList<JsonWebKey> PublicKeys { get; }

    public void Dispose()
    {
        _key.Dispose();
        _publicKey.Dispose();
    }

    private static void WriteOwnerOnly(string path, string pem)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, string.Empty);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.WriteAllText(path, pem + "\n");
    }
}
