using PayerTrustGateway.Partners;
using PayerTrustGateway.Tests.TestSupport;

namespace PayerTrustGateway.Tests.Partners;

/// <summary>Configuration of the partner registry: every mistake reported, each naming its key.</summary>
public sealed class PartnerDirectoryBuilderTests : IClassFixture<TestPkiFixture>
{
    private readonly TestPki _pki;

    public PartnerDirectoryBuilderTests(TestPkiFixture fixture) => _pki = fixture.Pki;

    [Fact]
    public void TryBuild_ValidPartner_Accepts()
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });

        Assert.True(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors), string.Join(" ", errors));
    }

    [Fact]
    public void TryBuild_SameSanOnTwoWorkloads_RejectsAsAmbiguous()
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].Workloads["twin"] = new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri };

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.Contains("TrustGateway:Partners:plan-a:Workloads:twin:SanUri", StringComparison.Ordinal) && e.Contains("exactly one workload", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, null)]
    [InlineData("spiffe://plan-a.example/x", "x.plan-a.example", null)]
    public void TryBuild_NotExactlyOneMatcher_Rejects(string? uri, string? dns, string? pin)
    {
        var options = Single(new WorkloadOptions { SanUri = uri, SanDns = dns, SpkiSha256 = pin });

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.Contains("exactly one of SanUri, SanDns or SpkiSha256", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("*.plan-a.example")]
    [InlineData("not a host")]
    public void TryBuild_InvalidDnsMatcher_Rejects(string dns)
    {
        var options = Single(new WorkloadOptions { SanDns = dns });

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.Contains(":SanDns", StringComparison.Ordinal));
    }

    [Fact]
    public void TryBuild_MalformedPin_Rejects()
    {
        var options = Single(new WorkloadOptions { SpkiSha256 = "not-base64!" });

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.Contains(":SpkiSha256 must be", StringComparison.Ordinal));
    }

    [Fact]
    public void TryBuild_EveryProblem_IsReportedAtOnce()
    {
        var options = Single(new WorkloadOptions());
        var partner = options.Partners["plan-a"];
        partner.DisplayName = null;
        partner.TrustAnchors = [Path.Combine(_pki.Directory, "missing.crt")];
        partner.Revocation.CrlFiles = [];

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.StartsWith("TrustGateway:Partners:plan-a:DisplayName", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("TrustGateway:Partners:plan-a:TrustAnchors:0", StringComparison.Ordinal) && e.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("TrustGateway:Partners:plan-a:Revocation:CrlFiles", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("exactly one of", StringComparison.Ordinal));
    }

    [Fact]
    public void TryBuild_AnchorThatIsNotACa_Rejects()
    {
        var leaf = _pki.WriteBytes("leaf-as-anchor.crt", System.Text.Encoding.ASCII.GetBytes(_pki.PlanAValid.ExportCertificatePem()));
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].TrustAnchors = [leaf];
        options.Partners["plan-a"].Revocation.Mode = RevocationMode.None;

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.Contains("not a CA", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("garbage.crt", "this is not a certificate")]
    [InlineData("truncated.crt", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n")]
    public void TryBuild_MalformedAnchorFile_Rejects(string name, string content)
    {
        var path = _pki.WriteBytes(name, System.Text.Encoding.ASCII.GetBytes(content));
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].TrustAnchors = [path];

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.StartsWith("TrustGateway:Partners:plan-a:TrustAnchors:0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("another-ca")]
    public void TryBuild_CrlNotSignedByPartnerCa_Rejects(string kind)
    {
        var path = kind == "garbage"
            ? _pki.WriteBytes("garbage.crl", [0x30, 0x03, 0x02, 0x01, 0x00])
            : _pki.PlanBIssuingCrlPath;
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].Revocation.CrlFiles = [path];

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.StartsWith("TrustGateway:Partners:plan-a:Revocation:CrlFiles:0", StringComparison.Ordinal));
    }

    [Fact]
    public void TryBuild_OcspDefaults_OffAndFailClosed()
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].Revocation.Ocsp.Enabled = true;

        Assert.True(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out var directory, out var errors), string.Join(" ", errors));
        Assert.Equal(new OcspPolicy(null, FailOpen: false, TimeSpan.FromSeconds(2), TimeSpan.FromDays(1)), directory!.FindPartner("plan-a")!.Ocsp);
        Assert.False(new OcspOptions().Enabled);
    }

    [Fact]
    public void TryBuild_OcspDisabled_PartnerHasNoOcspPolicy()
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].Revocation.Ocsp.ResponderUrl = "http://ocsp.plan-a.example/";

        Assert.True(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out var directory, out var errors), string.Join(" ", errors));
        Assert.Null(directory!.FindPartner("plan-a")!.Ocsp);
    }

    [Fact]
    public void TryBuild_OcspWithResponderUrlAndFailOpen_Accepts()
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        var ocsp = options.Partners["plan-a"].Revocation.Ocsp;
        ocsp.Enabled = true;
        ocsp.ResponderUrl = "https://ocsp.plan-a.example/responder";
        ocsp.FailOpen = true;
        ocsp.Timeout = TimeSpan.FromSeconds(30);
        ocsp.MaxResponseAge = TimeSpan.FromHours(4);

        Assert.True(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out var directory, out var errors), string.Join(" ", errors));
        Assert.Equal(
            new OcspPolicy(new Uri("https://ocsp.plan-a.example/responder"), FailOpen: true, TimeSpan.FromSeconds(30), TimeSpan.FromHours(4)),
            directory!.FindPartner("plan-a")!.Ocsp);
    }

    [Theory]
    [InlineData("/ocsp")]
    [InlineData("ocsp.plan-a.example")]
    [InlineData("ldap://ocsp.plan-a.example/")]
    [InlineData("ftp://ocsp.plan-a.example/")]
    [InlineData("http://user:secret@ocsp.plan-a.example/")]
    [InlineData("http://ocsp.plan-a.example/#fragment")]
    public void TryBuild_OcspResponderUrlNotAbsoluteHttp_RejectsNamingTheKey(string url)
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].Revocation.Ocsp.Enabled = true;
        options.Partners["plan-a"].Revocation.Ocsp.ResponderUrl = url;

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains(errors, e => e.StartsWith("TrustGateway:Partners:plan-a:Revocation:Ocsp:ResponderUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.050")]
    [InlineData("00:00:30.001")]
    [InlineData("00:01:00")]
    [InlineData("-00:00:01")]
    public void TryBuild_OcspTimeoutOutOfRange_RejectsNamingTheKey(string timeout)
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].Revocation.Ocsp.Enabled = true;
        options.Partners["plan-a"].Revocation.Ocsp.Timeout = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains("TrustGateway:Partners:plan-a:Revocation:Ocsp:Timeout must be between 00:00:00.100 and 00:00:30.", errors);
    }

    [Theory]
    [InlineData("00:00:59")]
    [InlineData("10.00:00:01")]
    public void TryBuild_OcspMaxResponseAgeOutOfRange_RejectsNamingTheKey(string age)
    {
        var options = Single(new WorkloadOptions { SanUri = TestPki.PlanAWorkloadUri });
        options.Partners["plan-a"].Revocation.Ocsp.MaxResponseAge = TimeSpan.Parse(age, System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, TimeProvider.System.GetUtcNow(), out _, out var errors));
        Assert.Contains("TrustGateway:Partners:plan-a:Revocation:Ocsp:MaxResponseAge must be between 00:01:00 and 10.00:00:00.", errors);
    }

    private PartnersOptions Single(WorkloadOptions workload) => new()
    {
        Partners =
        {
            ["plan-a"] = new PartnerOptions
            {
                DisplayName = "Plan A",
                TrustAnchors = [_pki.PlanACaPath],
                Revocation = new RevocationOptions { CrlFiles = [_pki.PlanACrlPath] },
                Workloads = { ["claims-sync"] = workload },
            },
        },
    };
}
