using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Partners;
using PayerTrustGateway.Sandbox;
using PayerTrustGateway.Trust;

namespace PayerTrustGateway.Tests.Governance;

/// <summary>
/// Configuration and the governance store composed into the request path's directory, and the validator's
/// per-request governance checks, on a fake clock without a host.
/// </summary>
public sealed class PartnerEstateComposerTests : IDisposable
{
    private const string WorkloadUri = "spiffe://plan-a.example/claims-sync";
    private static readonly TimeSpan Grace = TimeSpan.FromDays(7);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly DevCertificateAuthority _ca;
    private readonly string _folder = Directory.CreateTempSubdirectory("ptg-composer").FullName;
    private readonly string _anchorPath;

    public PartnerEstateComposerTests()
    {
        _ca = DevCertificateAuthority.CreateRoot("Composer Test CA", _time);
        _anchorPath = Path.Combine(_folder, "ca.crt");
        File.WriteAllText(_anchorPath, _ca.Certificate.ExportCertificatePem());
    }

    [Theory]
    [InlineData(PartnerStatus.Active, PartnerStatus.Suspended, PartnerStatus.Suspended)]
    [InlineData(PartnerStatus.Suspended, PartnerStatus.Active, PartnerStatus.Suspended)]
    [InlineData(PartnerStatus.Suspended, PartnerStatus.Retired, PartnerStatus.Retired)]
    [InlineData(PartnerStatus.Retired, PartnerStatus.Active, PartnerStatus.Retired)]
    [InlineData(PartnerStatus.Active, PartnerStatus.Active, PartnerStatus.Active)]
    public void Compose_PartnerStatus_IsTheStricterOfConfigurationAndStore(PartnerStatus configured, PartnerStatus stored, PartnerStatus expected)
    {
        var state = State(new PartnerRecord { Id = "plan-a", Status = stored, UpdatedAt = Now, UpdatedBy = "ops" });

        var directory = Compose(state, configured);

        Assert.Equal(expected, directory.FindPartner("plan-a")!.Status);
        Assert.Same(directory.FindPartner("plan-a"), directory.FindWorkload("plan-a/claims-sync")!.Partner);
    }

    [Theory]
    [InlineData(WorkloadStatus.Active, WorkloadStatus.Suspended, WorkloadStatus.Suspended)]
    [InlineData(WorkloadStatus.Suspended, WorkloadStatus.Active, WorkloadStatus.Suspended)]
    [InlineData(WorkloadStatus.Active, WorkloadStatus.Retired, WorkloadStatus.Retired)]
    [InlineData(WorkloadStatus.Retired, WorkloadStatus.Suspended, WorkloadStatus.Retired)]
    public void Compose_WorkloadStatus_IsTheStricterOfConfigurationAndStore(WorkloadStatus configured, WorkloadStatus stored, WorkloadStatus expected)
    {
        var options = Options();
        options.Partners["plan-a"].Workloads["claims-sync"].Status = configured;
        var state = State(new WorkloadRecord { PartnerId = "plan-a", Id = "claims-sync", Status = stored, UpdatedAt = Now, UpdatedBy = "ops" });

        var directory = PartnerEstateComposer.Compose(Build(options), state, Grace, Now, out _);

        Assert.Equal(expected, directory.FindWorkload("plan-a/claims-sync")!.Status);
    }

    [Fact]
    public void Compose_StoredDefinitionUnderAConfiguredId_IsIgnoredAndReported()
    {
        var state = State(new PartnerRecord
        {
            Id = "plan-a",
            Status = PartnerStatus.Active,
            UpdatedAt = Now,
            UpdatedBy = "ops",
            Definition = new PartnerDefinition { DisplayName = "Impostor", TrustAnchors = [_ca.Certificate.ExportCertificatePem()], RevocationMode = RevocationMode.None },
        });

        var directory = PartnerEstateComposer.Compose(Build(Options()), state, Grace, Now, out var problems);

        Assert.Equal("Plan A", directory.FindPartner("plan-a")!.DisplayName);
        Assert.Contains(problems, problem => problem.Contains("defined in configuration", StringComparison.Ordinal));
    }

    [Fact]
    public void Compose_RegisteredPartnerAndWorkload_AuthenticateAgainstTheStoredAnchors()
    {
        using var otherCa = DevCertificateAuthority.CreateRoot("Registered Partner CA", _time);
        using var certificate = otherCa.IssueLeaf(new LeafCertificateSpec("sync") { SanUris = ["spiffe://plan-r.example/sync"], NotAfter = Now.AddDays(30) });
        var state = State(
            new PartnerRecord
            {
                Id = "plan-r",
                Status = PartnerStatus.Active,
                UpdatedAt = Now,
                UpdatedBy = "ops",
                Definition = new PartnerDefinition { DisplayName = "Plan R", TrustAnchors = [otherCa.Certificate.ExportCertificatePem()], RevocationMode = RevocationMode.None },
            },
            new WorkloadRecord
            {
                PartnerId = "plan-r",
                Id = "sync",
                Status = WorkloadStatus.Active,
                Definition = new WorkloadDefinition { SanUri = "spiffe://plan-r.example/sync" },
                Stewardship = Stewardship(),
                LastCertifiedAt = Now,
                UpdatedAt = Now,
                UpdatedBy = "ops",
            });

        var directory = PartnerEstateComposer.Compose(Build(Options()), state, Grace, Now, out var problems);
        var result = PartnerCertificateValidator.Validate(certificate, directory, Now);

        Assert.Empty(problems);
        Assert.Equal(DenyReason.None, result.Reason);
        Assert.Equal("plan-r/sync", result.Workload!.QualifiedId);
        Assert.Equal(EstateSource.AdminApi, result.Workload.Source);
    }

    [Fact]
    public void Compose_RegisteredPartnerWithUnreadableAnchor_IsLeftOutAndReported()
    {
        var state = State(new PartnerRecord
        {
            Id = "plan-r",
            UpdatedAt = Now,
            UpdatedBy = "ops",
            Definition = new PartnerDefinition { DisplayName = "Plan R", TrustAnchors = ["-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----"], RevocationMode = RevocationMode.None },
        });

        var directory = PartnerEstateComposer.Compose(Build(Options()), state, Grace, Now, out var problems);

        Assert.Null(directory.FindPartner("plan-r"));
        Assert.Single(problems);
    }

    [Fact]
    public void Validate_ThumbprintRevokedAtTheGateway_IsRefusedAsRevoked()
    {
        using var certificate = Issue();
        var state = State(new CertificateRevocation { Thumbprint = Thumbprint(certificate), Reason = "key leaked", RevokedAt = Now, RevokedBy = "sec" });

        var result = PartnerCertificateValidator.Validate(certificate, Compose(state), Now);

        Assert.Equal(DenyReason.ClientCertificateRevoked, result.Reason);
    }

    [Fact]
    public void Validate_PinnedWorkload_AcceptsOnlyCurrentAttachedCertificates()
    {
        using var old = Issue();
        using var replacement = Issue();
        using var stranger = Issue();
        var attachedOld = Attached(old);
        var attachedNew = Attached(replacement);

        var overlap = Compose(State(attachedOld, attachedNew));
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(old, overlap, Now).Reason);
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(replacement, overlap, Now).Reason);
        Assert.Equal(DenyReason.ClientCertificateNotAttached, PartnerCertificateValidator.Validate(stranger, overlap, Now).Reason);

        var rotated = Compose(State(attachedOld with { RetiredAt = Now, RetiredBy = "ops" }, attachedNew));
        Assert.Equal(DenyReason.ClientCertificateRetired, PartnerCertificateValidator.Validate(old, rotated, Now).Reason);
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(replacement, rotated, Now).Reason);
    }

    [Fact]
    public void Validate_CertificationOverduePastGrace_IsRefusedAtRequestTime()
    {
        using var certificate = Issue(TimeSpan.FromDays(400));
        var options = Options();
        var workload = options.Partners["plan-a"].Workloads["claims-sync"];
        workload.Owner = "claims-team";
        workload.Sponsor = "vp-claims";
        workload.Purpose = "payer-to-payer claims";
        workload.ExpiresOn = Now.AddYears(2);
        workload.ReviewCadence = TimeSpan.FromDays(90);
        workload.CertifiedOn = Now;
        var directory = PartnerEstateComposer.Compose(Build(options), GovernanceState.Empty, Grace, Now, out _);

        _time.Advance(TimeSpan.FromDays(97));
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow()).Reason);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(DenyReason.WorkloadCertificationOverdue, PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow()).Reason);

        // A later certification in the store supersedes the configured one.
        var certified = State(new WorkloadRecord { PartnerId = "plan-a", Id = "claims-sync", Status = WorkloadStatus.Active, LastCertifiedAt = _time.GetUtcNow(), LastCertifiedBy = "reviewer", UpdatedAt = Now, UpdatedBy = "reviewer" });
        var recertified = PartnerEstateComposer.Compose(Build(options), certified, Grace, _time.GetUtcNow(), out _);
        Assert.Equal(DenyReason.None, PartnerCertificateValidator.Validate(certificate, recertified, _time.GetUtcNow()).Reason);
    }

    [Fact]
    public void Validate_WorkloadPastItsExpiry_IsRefused()
    {
        using var certificate = Issue(TimeSpan.FromDays(400));
        var options = Options();
        var workload = options.Partners["plan-a"].Workloads["claims-sync"];
        (workload.Owner, workload.Sponsor, workload.Purpose) = ("claims-team", "vp-claims", "claims");
        workload.ExpiresOn = Now.AddDays(10);
        workload.ReviewCadence = TimeSpan.FromDays(90);
        workload.CertifiedOn = Now;
        var directory = Build(options);

        _time.Advance(TimeSpan.FromDays(10));

        Assert.Equal(DenyReason.WorkloadExpired, PartnerCertificateValidator.Validate(certificate, directory, _time.GetUtcNow()).Reason);
    }

    [Fact]
    public void Build_StewardshipWithoutReviewCadence_IsRefusedNamingTheKey()
    {
        var options = Options();
        options.Partners["plan-a"].Workloads["claims-sync"].Owner = "claims-team";

        Assert.False(PartnerDirectoryBuilder.TryBuild(options, Now, out _, out var errors));
        Assert.Contains(errors, error => error.Contains("Workloads:claims-sync:ReviewCadence", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private DateTimeOffset Now => new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static GovernanceState State(params object[] documents) => GovernanceState.Empty.Apply(documents);

    private static WorkloadStewardship Stewardship() => new()
    {
        Owner = "sync-team",
        Sponsor = "vp-interop",
        Purpose = "payer-to-payer exchange",
        ExpiresAt = new DateTimeOffset(2028, 1, 1, 0, 0, 0, TimeSpan.Zero),
        ReviewCadence = TimeSpan.FromDays(90),
    };

    private static string Thumbprint(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) =>
        CertificateFacts.ComputeThumbprint(certificate.RawData);

    private AttachedCertificate Attached(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate) => new()
    {
        Thumbprint = Thumbprint(certificate),
        PartnerId = "plan-a",
        WorkloadId = "claims-sync",
        Subject = certificate.Subject,
        NotAfter = certificate.NotAfter,
        AttachedAt = Now,
        AttachedBy = "ops",
    };

    private System.Security.Cryptography.X509Certificates.X509Certificate2 Issue(TimeSpan? lifetime = null) =>
        _ca.IssueLeaf(new LeafCertificateSpec("claims-sync") { SanUris = [WorkloadUri], NotAfter = Now + (lifetime ?? TimeSpan.FromDays(1)) });

    private PartnerDirectory Compose(GovernanceState state, PartnerStatus configured = PartnerStatus.Active)
    {
        var options = Options();
        options.Partners["plan-a"].Status = configured;
        return PartnerEstateComposer.Compose(Build(options), state, Grace, Now, out _);
    }

    private PartnerDirectory Build(PartnersOptions options)
    {
        Assert.True(PartnerDirectoryBuilder.TryBuild(options, Now, out var directory, out var errors), string.Join(" ", errors));
        return directory!;
    }

    private PartnersOptions Options() => new()
    {
        Partners =
        {
            ["plan-a"] = new PartnerOptions
            {
                DisplayName = "Plan A",
                TrustAnchors = [_anchorPath],
                Revocation = new RevocationOptions { Mode = RevocationMode.None },
                Workloads = { ["claims-sync"] = new WorkloadOptions { SanUri = WorkloadUri } },
            },
        },
    };
}
