using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.Tokens;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Storage;
using PayerTrustGateway.Tests.TestSupport;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Tests.Exchange;

/// <summary>The signing key ring: generation, persistence, rotation with overlap, shared folders, configured files.</summary>
public sealed class SigningKeyRingTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ptg-ring-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public void FirstUse_GeneratesAnEs256Key_OwnerOnly_AndAnotherRingOnTheFolderLoadsIt()
    {
        using var ring = Ring();

        var key = ring.Signing;

        Assert.Equal("ES256", key.Algorithm);
        var pem = Path.Combine(_directory, key.KeyId + ".pem");
        Assert.True(File.Exists(pem));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pem));
        }

        Assert.DoesNotContain("PRIVATE", File.ReadAllText(Path.Combine(_directory, "keyring.json")), StringComparison.Ordinal);
        using var again = Ring();
        Assert.Equal(key.KeyId, again.Signing.KeyId);
    }

    [Fact]
    public void Rs256_GeneratesRsaKey_PublishedWithoutPrivateMembers()
    {
        using var ring = Ring(options => options.Algorithm = "RS256");

        var key = ring.Signing;

        Assert.Equal("RS256", key.Algorithm);
        var jwk = Assert.Single(ring.Published()).Jwk;
        Assert.Equal("RSA", jwk["kty"]!.GetValue<string>());
        Assert.NotNull(jwk["n"]);
        Assert.Null(jwk["d"]);
        Assert.Null(jwk["p"]);
    }

    [Fact]
    public async Task Rotate_NewKeySigns_OldStaysPublishedForTheOverlap_ThenGoes()
    {
        using var ring = Ring();
        var old = ring.Signing.KeyId;

        var rotated = ring.Rotate();

        Assert.NotEqual(old, rotated.KeyId);
        Assert.Equal(rotated.KeyId, ring.Signing.KeyId);
        Assert.Equal([old, rotated.KeyId], ring.Published().Select(key => key.KeyId));
        Assert.Equal(KeyLookupStatus.Found, (await ring.GetKeysAsync(old, default)).Status);

        _time.Advance(ring.EffectiveOverlap - TimeSpan.FromSeconds(1));
        Assert.Contains(old, ring.Published().Select(key => key.KeyId));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([rotated.KeyId], ring.Published().Select(key => key.KeyId));
        Assert.Equal(KeyLookupStatus.UnknownKey, (await ring.GetKeysAsync(old, default)).Status);

        // The next rotation removes the expired key's file.
        ring.Rotate();
        Assert.False(File.Exists(Path.Combine(_directory, old + ".pem")));
    }

    [Fact]
    public void EffectiveOverlap_IsNeverShorterThanTheLongestTokenLifetimePlusAMinute()
    {
        using var ring = Ring(options => options.Overlap = TimeSpan.Zero, tokenLifetime: TimeSpan.FromMinutes(20));

        Assert.Equal(TimeSpan.FromMinutes(21), ring.EffectiveOverlap);
    }

    [Fact]
    public void ScheduledRotation_HappensWhenSigningAfterTheInterval()
    {
        using var ring = Ring(options => options.RotationInterval = TimeSpan.FromDays(30));
        var first = ring.Signing.KeyId;

        _time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(first, ring.Signing.KeyId);
        _time.Advance(TimeSpan.FromSeconds(1));

        var second = ring.Signing.KeyId;
        Assert.NotEqual(first, second);
        Assert.Contains(first, ring.Published().Select(key => key.KeyId));
    }

    [Fact]
    public async Task SharedFolder_AnotherInstanceFindsTheKeyRotatedByTheFirst()
    {
        using var first = Ring();
        using var second = Ring();
        Assert.Equal(first.Signing.KeyId, second.Signing.KeyId);

        var rotated = first.Rotate();

        // An unknown kid makes the second instance re-read the folder at once.
        Assert.Equal(KeyLookupStatus.Found, (await second.GetKeysAsync(rotated.KeyId, default)).Status);
        _time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(rotated.KeyId, second.Signing.KeyId);
    }

    [Fact]
    public void GenerateOff_WithoutARing_Throws()
    {
        using var ring = Ring(options => options.Generate = false);

        Assert.Throws<InvalidOperationException>(() => ring.EnsureLoaded());
    }

    [Fact]
    public void ConfiguredFiles_OneSigns_AllPublished_RotationRefused()
    {
        var signing = WriteKey("signing.pem", ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var previous = WriteKey("previous.pem", RSA.Create(2048));
        using var ring = Ring(options =>
        {
            options.Files.Add(new SigningKeyFileOptions { Path = previous, KeyId = "2026-10" });
            options.Files.Add(new SigningKeyFileOptions { Path = signing, KeyId = "2026-11", Signing = true });
        });

        Assert.Equal("2026-11", ring.Signing.KeyId);
        Assert.Equal(["2026-10", "2026-11"], ring.Published().Select(key => key.KeyId));
        Assert.True(ring.IsManaged);
        Assert.Throws<InvalidOperationException>(() => ring.Rotate());
    }

    [Theory]
    [InlineData("two-signing")]
    [InlineData("none-signing")]
    [InlineData("p384")]
    [InlineData("rsa-1024")]
    [InlineData("public-only")]
    [InlineData("garbage")]
    [InlineData("missing")]
    [InlineData("duplicate-kid")]
    public void Validator_RefusesBadKeyFiles(string variant)
    {
        var good = WriteKey("good.pem", ECDsa.Create(ECCurve.NamedCurves.nistP256));
        var options = new SigningKeysOptions();
        switch (variant)
        {
            case "two-signing":
                options.Files.Add(new SigningKeyFileOptions { Path = good, Signing = true });
                options.Files.Add(new SigningKeyFileOptions { Path = WriteKey("other.pem", ECDsa.Create(ECCurve.NamedCurves.nistP256)), Signing = true });
                break;
            case "none-signing":
                options.Files.Add(new SigningKeyFileOptions { Path = good });
                break;
            case "p384":
                options.Files.Add(new SigningKeyFileOptions { Path = WriteKey("p384.pem", ECDsa.Create(ECCurve.NamedCurves.nistP384)), Signing = true });
                break;
            case "rsa-1024":
                options.Files.Add(new SigningKeyFileOptions { Path = WriteKey("small.pem", RSA.Create(1024)), Signing = true });
                break;
            case "public-only":
                using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    options.Files.Add(new SigningKeyFileOptions { Path = Write("public.pem", key.ExportSubjectPublicKeyInfoPem()), Signing = true });
                }

                break;
            case "garbage":
                // A PEM frame around bytes that are no key at all (the label is assembled so no key-shaped text sits in source).
                var label = string.Join(' ', "PRIVATE", "KEY");
                options.Files.Add(new SigningKeyFileOptions { Path = Write("garbage.pem", $"-----BEGIN {label}-----\nbm90IGEga2V5\n-----END {label}-----\n"), Signing = true });
                break;
            case "missing":
                options.Files.Add(new SigningKeyFileOptions { Path = Path.Combine(_directory, "absent.pem"), Signing = true });
                break;
            default:
                options.Files.Add(new SigningKeyFileOptions { Path = good, Signing = true });
                options.Files.Add(new SigningKeyFileOptions { Path = good });
                break;
        }

        var result = new SigningKeysOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.All(result.Failures, failure => Assert.DoesNotContain("PRIVATE KEY", failure, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Algorithm", "PS256")]
    [InlineData("RotationInterval", "01:00:00")]
    [InlineData("Overlap", "-00:00:01")]
    [InlineData("JwksListeners", "Backend")]
    public void Validator_RefusesBadSettings(string setting, string value)
    {
        var options = new SigningKeysOptions();
        switch (setting)
        {
            case "Algorithm": options.Algorithm = value; break;
            case "RotationInterval": options.RotationInterval = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            case "Overlap": options.Overlap = TimeSpan.Parse(value, System.Globalization.CultureInfo.InvariantCulture); break;
            default: options.JwksListeners.Add(value); break;
        }

        Assert.True(new SigningKeysOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public async Task SignedToken_VerifiesWithThePublishedKeyOnly()
    {
        using var ring = Ring();
        var handler = new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler();
        var token = handler.CreateToken("{\"sub\":\"x\"}", ring.Signing.Credentials);

        var result = await handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            IssuerSigningKeys = [ring.Published()[0].PublicKey],
        });

        Assert.True(result.IsValid);
        Assert.False(((ECDsaSecurityKey)ring.Published()[0].PublicKey).PrivateKeyStatus == PrivateKeyStatus.Exists);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private SigningKeyRing Ring(Action<SigningKeysOptions>? configure = null, TimeSpan? tokenLifetime = null)
    {
        var keys = TestOptions.LastGood<SigningKeysOptions>(options =>
        {
            options.Directory = _directory;
            options.RotationInterval = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        return new SigningKeyRing(
            keys,
            TestOptions.LastGood<StorageOptions>(_ => { }),
            TestOptions.LastGood<TokenServiceOptions>(options => options.TokenLifetime = tokenLifetime ?? TimeSpan.FromMinutes(5)),
            TestOptions.LastGood<TokenExchangeOptions>(_ => { }),
            _time,
            NullLogger<SigningKeyRing>.Instance);
    }

    private string WriteKey(string name, AsymmetricAlgorithm key)
    {
        using (key)
        {
            return Write(name, key.ExportPkcs8PrivateKeyPem());
        }
    }

    private string Write(string name, string content)
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }
}
