using System.Security.Cryptography;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Admin;

namespace PayerTrustGateway.Sandbox;

/// <summary>
/// The sandbox's admin issuer, regenerated at every start in <c>admin/</c> (git-ignored, like the dev PKI):
/// a fresh ES256 key whose public half is <c>issuer.pub</c> (the configured
/// <c>TrustGateway:AdminAccess:KeyFiles</c>) and whose private half signs one token per role,
/// <c>&lt;role&gt;.jwt</c>, and is never written. Tokens from an earlier start stop working.
/// </summary>
internal sealed class SandboxAdminAccess
{
    public const string Issuer = "https://admin-issuer.sandbox.example";

    public const string Audience = "payer-trust-gateway-admin";

    /// <summary>How long the sandbox's admin tokens live (the sandbox allows that as MaxTokenLifetime).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    private SandboxAdminAccess(string directory) => Directory = directory;

    public string Directory { get; }

    public string PublicKey => Path.Combine(Directory, "issuer.pub");

    /// <summary>Where the token for <paramref name="role"/> (one of <see cref="AdminRoles.All"/>) is written.</summary>
    public string TokenFile(string role) => Path.Combine(Directory, role + ".jwt");

    /// <summary>The subject of the token for <paramref name="role"/>: the actor its changes are recorded under.</summary>
    public static string Subject(string role) => "sandbox-" + role;

    /// <summary>The admin folder of the sandbox in <paramref name="sandboxDirectory"/>, without generating anything.</summary>
    public static SandboxAdminAccess In(string sandboxDirectory) => new(Path.Combine(Path.GetFullPath(sandboxDirectory), "admin"));

    /// <summary>Generates a new admin issuer key and a token per role into <paramref name="sandboxDirectory"/>/admin.</summary>
    public static SandboxAdminAccess Generate(string sandboxDirectory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var access = In(sandboxDirectory);
        System.IO.Directory.CreateDirectory(access.Directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        File.WriteAllText(access.PublicKey, key.ExportSubjectPublicKeyInfoPem() + "\n");

        var signingKey = new ECDsaSecurityKey(key);
        // The same kid the gateway gives a PEM key (RFC 7638 thumbprint, see StaticIssuerKeys).
        signingKey.KeyId = Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromSecurityKey(signingKey).ComputeJwkThumbprint());
        var credentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256);
        var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var role in AdminRoles.All)
        {
            var token = handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Issuer,
                Audience = Audience,
                IssuedAt = now,
                NotBefore = now,
                Expires = now + TokenLifetime,
                Claims = new Dictionary<string, object>
                {
                    [JwtRegisteredClaimNames.Sub] = Subject(role),
                    [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
                    ["roles"] = new[] { role },
                },
                SigningCredentials = credentials,
            });
            WritePrivate(access.TokenFile(role), token + "\n");
        }

        return access;
    }

    // A bearer token is a credential: readable by its owner only.
    private static void WritePrivate(string path, string content)
    {
        File.WriteAllText(path, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
