using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Partners;

/// <summary>The validator without a host, on a fake clock: validity, revocation freshness and status.</summary>
public sealed class PartnerCertificateValidatorTests : IDisposable
{
    private const string WorkloadUri = "spiffe://plan-a.example/claims-sync";
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly DevCertificateAuthority _ca;
    private readonly string _folder = Directory.CreateTempSubdirectory("ptg-validator").FullName;
    private readonly string _anchorPath;
    private readonly string _crlPath;

    public PartnerCertificateValidatorTests()
    {
        _ca = DevCertificateAuthority.CreateRoot("Validator Test CA", _time);
        _anchorPath = Path.Combine(_folder, "ca.crt");
        File.WriteAllText(_anchorPath, _ca.Certificate.ExportCertificatePem());
        _crlPath = Path.Combine(_folder, "ca.crl");
        File.WriteAllBytes(_crlPath, _ca.BuildCrl([], TimeSpan.FromHours(1), 1));
    }

    [Fact]
    public void Validate_CurrentCertificate_SucceedsWithWorkloadAndThumbprint()
    {
        using var certificate = Issue(TimeSpan.FromDays(1));

        var result = PartnerCertificateValidator.Validate(certificate, Build(), _time.GetUtcNow());

        Assert.Equal(DenyReason.None, result.Reason);
        Assert.Equal("plan-a/claims-sync", result.Workload?.QualifiedId);
        Assert.Equal(CertificateFacts.ComputeThumbprint(certificate.RawData), result.Facts?.Thumbprint);
    }

    [Fact]
    public void Validate_ClockPastNotAfter_DeniesAsExpired()
    {
        using var certificate = Issue(TimeSpan.FromMinutes(30));
        var directory = Build();

        _time.Advance(TimeSpan.FromMinutes(31));
        var result = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow());

        Assert.Equal(DenyReason.ClientCertificateExpired, result.Reason);
    }

    [Fact]
    public void Validate_CrlPastNextUpdateAndNotRenewed_FailsClosed()
    {
        using var certificate = Issue(TimeSpan.FromDays(1));
        var directory = Build();

        _time.Advance(TimeSpan.FromHours(2));
        var result = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow());

        Assert.Equal(DenyReason.RevocationStatusUnknown, result.Reason);
    }

    [Fact]
    public void Validate_CrlRenewedOnDiskAfterNextUpdate_ReloadsAndSeesRevocation()
    {
        using var certificate = Issue(TimeSpan.FromDays(1));
        var directory = Build();
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow()).Reason);

        _time.Advance(TimeSpan.FromHours(2));
        File.WriteAllBytes(_crlPath, _ca.BuildCrl([certificate], TimeSpan.FromHours(1), 2));
        var result = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow());

        Assert.Equal(DenyReason.ClientCertificateRevoked, result.Reason);
    }

    [Fact]
    public void Validate_SuspendedWorkload_DeniesAfterChainChecks()
    {
        using var certificate = Issue(TimeSpan.FromDays(1));

        var result = PartnerCertificateValidator.Validate(certificate, Build(WorkloadStatus.Suspended), _time.GetUtcNow());

        Assert.Equal(DenyReason.WorkloadNotActive, result.Reason);
    }

    [Fact]
    public void Validate_SpkiPinnedWorkload_MatchesByPublicKey()
    {
        using var certificate = _ca.IssueLeaf(new LeafCertificateSpec("pinned") { NotAfter = _time.GetUtcNow().AddDays(1) });
        Assert.True(CertificateFacts.TryRead(certificate, out var facts));
        var options = Options(WorkloadStatus.Active);
        options.Partners["plan-a"].Workloads["claims-sync"] = new WorkloadOptions { SpkiSha256 = facts!.SpkiSha256 };

        var result = PartnerCertificateValidator.Validate(certificate, BuildFrom(options), _time.GetUtcNow());

        Assert.Equal(DenyReason.None, result.Reason);
    }

    [Fact]
    public void Validate_WithCachedChain_StillSeesRevocationOnNextCall()
    {
        using var certificate = Issue(TimeSpan.FromDays(1));
        var directory = Build();
        var cache = new ChainVerdictCache();
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow(), cache).Reason);

        _time.Advance(TimeSpan.FromHours(2));
        File.WriteAllBytes(_crlPath, _ca.BuildCrl([certificate], TimeSpan.FromHours(1), 2));
        var result = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow(), cache);

        Assert.NotNull(cache.Get(directory, result.Workload!.Partner, _time.GetUtcNow()));
        Assert.Equal(DenyReason.ClientCertificateRevoked, result.Reason);
    }

    [Fact]
    public void Validate_WithCachedChain_ClockPastNotAfterStillExpires()
    {
        using var certificate = Issue(TimeSpan.FromMinutes(30));
        var directory = Build();
        var cache = new ChainVerdictCache();
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow(), cache).Reason);

        _time.Advance(TimeSpan.FromMinutes(31));
        var result = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow(), cache);

        Assert.Equal(DenyReason.ClientCertificateExpired, result.Reason);
    }

    [Fact]
    public void Validate_CachedChainAfterRegistryReload_IsRebuiltAgainstNewAnchors()
    {
        using var certificate = Issue(TimeSpan.FromDays(1));
        var cache = new ChainVerdictCache();
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(certificate, Build(), _time.GetUtcNow(), cache).Reason);
        using var otherCa = DevCertificateAuthority.CreateRoot("Replacement CA", _time);
        var otherAnchor = Path.Combine(_folder, "other.crt");
        File.WriteAllText(otherAnchor, otherCa.Certificate.ExportCertificatePem());
        var options = Options(WorkloadStatus.Active);
        options.Partners["plan-a"].TrustAnchors = [otherAnchor];
        options.Partners["plan-a"].Revocation.Mode = RevocationMode.None;

        var result = PartnerCertificateValidator.Validate(certificate, BuildFrom(options), _time.GetUtcNow(), cache);

        Assert.Equal(DenyReason.ClientCertificateUntrusted, result.Reason);
    }

    [Fact]
    public void Validate_Accepted_NamesThePartnersOwnIssuerCertificate()
    {
        using var certificate = Issue(TimeSpan.FromDays(1));
        var directory = Build();
        var cache = new ChainVerdictCache();

        var built = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow(), cache);
        var cached = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow(), cache);

        // The configured anchor object itself (chain elements are disposed with the chain), still usable.
        var anchor = directory.FindPartner("plan-a")!.TrustAnchors[0];
        Assert.Same(anchor, built.Issuer);
        Assert.Same(anchor, cached.Issuer);
        Assert.Equal(_ca.Certificate.RawData, built.Issuer!.RawData);
    }

    [Fact]
    public void Validate_LeafUnderIntermediate_NamesTheConfiguredIntermediateAsIssuer()
    {
        using var intermediate = _ca.CreateIntermediate("Validator Issuing CA");
        var intermediatePath = Path.Combine(_folder, "issuing.crt");
        File.WriteAllText(intermediatePath, intermediate.Certificate.ExportCertificatePem());
        using var certificate = intermediate.IssueLeaf(new LeafCertificateSpec("claims-sync") { SanUris = [WorkloadUri] });
        var options = Options(WorkloadStatus.Active);
        options.Partners["plan-a"].Intermediates = [intermediatePath];
        options.Partners["plan-a"].Revocation.Mode = RevocationMode.None;
        var directory = BuildFrom(options);

        var result = PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow());

        Assert.Equal(DenyReason.None, result.Reason);
        Assert.Same(directory.FindPartner("plan-a")!.Intermediates[0], result.Issuer);
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Issue(TimeSpan lifetime) =>
        _ca.IssueLeaf(new LeafCertificateSpec("claims-sync") { SanUris = [WorkloadUri], NotAfter = _time.GetUtcNow() + lifetime });

    private PartnerDirectory Build(WorkloadStatus status = WorkloadStatus.Active) => BuildFrom(Options(status));

    private PartnerDirectory BuildFrom(PartnersOptions options)
    {
        Assert.True(PartnerDirectoryBuilder.TryBuild(options, _time.GetUtcNow(), out var directory, out var errors), string.Join(" ", errors));
        return directory!;
    }

    private PartnersOptions Options(WorkloadStatus status) => new()
    {
        Partners =
        {
            ["plan-a"] = new PartnerOptions
            {
                DisplayName = "Plan A",
                TrustAnchors = [_anchorPath],
                Revocation = new RevocationOptions { CrlFiles = [_crlPath] },
                Workloads = { ["claims-sync"] = new WorkloadOptions { SanUri = WorkloadUri, Status = status } },
            },
        },
    };
}
