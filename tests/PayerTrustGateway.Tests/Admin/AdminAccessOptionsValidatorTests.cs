using Microsoft.Extensions.Options;
using PayerTrustGateway.Admin;
using PayerTrustGateway.Exchange;
using PayerTrustGateway.Tests.TestSupport;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Tests.Admin;

public sealed class AdminAccessOptionsValidatorTests : IClassFixture<TestPkiFixture>
{
    private const string PartnerIssuer = "https://as.partner.example";
    private const string GatewayOrigin = "https://gateway.payer.example";

    private readonly TestPki _pki;

    public AdminAccessOptionsValidatorTests(TestPkiFixture fixture) => _pki = fixture.Pki;

    [Fact]
    public void Accepts_IssuerAndOneKeyFile_WithDefaults()
    {
        var result = Validate(_ => { });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("admin-idp")]
    public void Rejects_MissingOrRelativeIssuer(string? issuer)
    {
        var result = Validate(options => options.Issuer = issuer);

        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:AdminAccess:Issuer is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_NoKeyFiles()
    {
        var result = Validate(options => options.KeyFiles = []);

        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:AdminAccess:KeyFiles must list at least one", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_MissingOrUnreadableKeyFile_NamingItsIndex()
    {
        var garbage = _pki.WriteBytes("admin-garbage.pub", "not a key"u8.ToArray());

        var result = Validate(options => options.KeyFiles = [_pki.IssuerKeyPath, Path.Combine(_pki.Directory, "missing.pub"), garbage]);

        Assert.Equal(2, result.Failures!.Count());
        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:AdminAccess:KeyFiles:1: ", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:AdminAccess:KeyFiles:2: ", StringComparison.Ordinal));
    }

    [Fact]
    public void Rejects_PrivateKeyFile()
    {
        var result = Validate(options => options.KeyFiles = [_pki.ServerKeyPath]);

        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:AdminAccess:KeyFiles:0: ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    public void Rejects_NoneOrHmacAlgorithm(string algorithm)
    {
        var result = Validate(options => options.Algorithms = ["ES256", algorithm]);

        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:AdminAccess:Algorithms must list asymmetric", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(PartnerIssuer)]
    [InlineData(PartnerIssuer + "/")]
    [InlineData("HTTPS://AS.PARTNER.EXAMPLE")]
    public void Rejects_IssuerOfAPartner(string issuer)
    {
        var result = Validate(options => options.Issuer = issuer);

        var failure = Assert.Single(result.Failures!);
        Assert.StartsWith("TrustGateway:AdminAccess:Issuer", failure, StringComparison.Ordinal);
        Assert.Contains("partner issuer TrustGateway:Issuers:partner-as", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_TheGatewaysOwnTokenServiceIssuer()
    {
        var result = Validate(options => options.Issuer = GatewayOrigin);

        var failure = Assert.Single(result.Failures!);
        Assert.Contains("the gateway's own token service issuer", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:05:01")]
    [InlineData("-00:00:01")]
    public void Rejects_ClockSkewOutOfRange(string skew)
    {
        var result = Validate(options => options.ClockSkew = TimeSpan.Parse(skew, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:AdminAccess:ClockSkew", StringComparison.Ordinal));
    }

    [Fact]
    public void Accepts_FiveMinutesSkew_AndTwelveHourTokens()
    {
        var result = Validate(options =>
        {
            options.ClockSkew = TimeSpan.FromMinutes(5);
            options.MaxTokenLifetime = TimeSpan.FromHours(12);
        });

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Rejects_EveryProblem_AtOnce()
    {
        var result = Validate(options =>
        {
            options.Issuer = null;
            options.Audience = " ";
            options.KeyFiles = [];
            options.RoleClaim = "";
            options.SubjectClaim = "";
            options.MaxTokenLifetime = TimeSpan.FromDays(2);
            options.ClockSkew = TimeSpan.FromHours(1);
        });

        Assert.Equal(
            ["Issuer", "Audience", "KeyFiles", "RoleClaim", "SubjectClaim", "MaxTokenLifetime", "ClockSkew"],
            result.Failures!.Select(f => f["TrustGateway:AdminAccess:".Length..].Split(' ', ':')[0]));
    }

    private ValidateOptionsResult Validate(Action<AdminAccessOptions> change)
    {
        var options = new AdminAccessOptions { Issuer = "https://admin-idp.payer.example", KeyFiles = [_pki.IssuerKeyPath] };
        change(options);
        var validator = new AdminAccessOptionsValidator(
            Factory<IssuersOptions>(issuers => issuers.Issuers["partner-as"] = new IssuerOptions { Issuer = PartnerIssuer }),
            Factory<TokenServiceOptions>(_ => { }),
            Factory<TokensOptions>(tokens => tokens.PublicOrigin = new Uri(GatewayOrigin)));
        return validator.Validate(null, options);
    }

    private static OptionsFactory<T> Factory<T>(Action<T> configure)
        where T : class =>
        new([new ConfigureOptions<T>(configure)], []);
}
