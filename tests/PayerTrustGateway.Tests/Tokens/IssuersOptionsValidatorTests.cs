using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Tests.Tokens;

public sealed class IssuersOptionsValidatorTests
{
    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    public void Validate_SymmetricOrNoneAlgorithm_IsRejected(string algorithm)
    {
        var options = Options(issuer => issuer.Algorithms = ["ES256", algorithm]);

        var result = new IssuersOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.StartsWith("TrustGateway:Issuers:partner-as:Algorithms", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EveryProblem_IsReportedWithItsKey()
    {
        var options = Options(issuer =>
        {
            issuer.Issuer = null;
            issuer.JwksUri = null;
            issuer.Audiences = [];
            issuer.ClockSkew = TimeSpan.FromMinutes(5);
        });

        var failures = new IssuersOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains(failures, f => f.StartsWith("TrustGateway:Issuers:partner-as:Issuer", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("exactly one of JwksUri or KeyFiles", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TrustGateway:Issuers:partner-as:Audiences", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("TrustGateway:Issuers:partner-as:ClockSkew", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PlainHttpJwksOffLoopback_IsRejected()
    {
        var options = Options(issuer => issuer.JwksUri = new Uri("http://as.partner.example/jwks"));

        var result = new IssuersOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("absolute https URL", StringComparison.Ordinal));
    }

    private static IssuersOptions Options(Action<IssuerOptions> change)
    {
        var issuer = new IssuerOptions { Issuer = "https://as.partner.example", JwksUri = new Uri("https://as.partner.example/jwks"), Audiences = ["https://gateway.example"] };
        change(issuer);
        return new IssuersOptions { Issuers = { ["partner-as"] = issuer } };
    }
}
