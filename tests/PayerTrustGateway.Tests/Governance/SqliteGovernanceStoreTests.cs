using Microsoft.Data.Sqlite;
using PayerTrustGateway.Governance;
using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Tests.Governance;

/// <summary>The embedded governance store: every record kind survives a restart; an unreadable record stops loading (fail closed).</summary>
public sealed class SqliteGovernanceStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("ptg-governance").FullName, SqliteGovernanceStore.FileName);

    [Fact]
    public async Task SaveThenLoad_EveryKind_RoundTripsAndLaterWritesReplace()
    {
        var store = new SqliteGovernanceStore(_path, TimeSpan.FromSeconds(5));
        object[] documents =
        [
            new PartnerRecord { Id = "plan-r", Status = PartnerStatus.Suspended, UpdatedAt = Now, UpdatedBy = "sec", Definition = new PartnerDefinition { DisplayName = "Plan R", TrustAnchors = ["pem"], RevocationMode = RevocationMode.None } },
            new WorkloadRecord { PartnerId = "plan-r", Id = "sync", Status = WorkloadStatus.Provisioned, UpdatedAt = Now, UpdatedBy = "ops", Definition = new WorkloadDefinition { SanUri = "spiffe://r/sync", Scopes = ["system/Patient.rs"] }, Stewardship = new WorkloadStewardship { Owner = "o", Sponsor = "s", Purpose = "p", ExpiresAt = Now.AddYears(1), ReviewCadence = TimeSpan.FromDays(90) } },
            new AttachedCertificate { Thumbprint = "t1", PartnerId = "plan-r", WorkloadId = "sync", Subject = "CN=sync", NotAfter = Now.AddDays(30), AttachedAt = Now, AttachedBy = "ops" },
            new CertificateRevocation { Thumbprint = "t2", Reason = "leaked", RevokedAt = Now, RevokedBy = "sec" },
            new PostureSignal { PartnerId = "plan-r", Risk = PostureRisk.High, AttestedAt = Now, Source = "risk-feed", RecordedAt = Now, RecordedBy = "ops" },
            new AccessGrant { Id = "g1", Kind = GrantKind.BreakGlass, Workload = "plan-r/sync", RouteId = "member", ResourceTypes = ["Claim"], Reason = "outage", RequestedBy = "sec", RequestedAt = Now, Duration = TimeSpan.FromHours(1), State = GrantState.Approved, StartsAt = Now, EndsAt = Now.AddHours(1) },
            new ReviewItem { Id = "r1", Kind = ReviewKind.BreakGlassReview, SubjectId = "g1", RequestedBy = "sec", CreatedAt = Now, DueAt = Now.AddHours(24) },
        ];
        await store.SaveAsync(documents, Now, CancellationToken.None);
        await store.SaveAsync([new ReviewItem { Id = "r1", Kind = ReviewKind.BreakGlassReview, SubjectId = "g1", RequestedBy = "sec", CreatedAt = Now, DueAt = Now.AddHours(24), State = ReviewState.Claimed, ClaimedBy = "rev" }], Now, CancellationToken.None);

        var state = GovernanceState.Empty.Apply(new SqliteGovernanceStore(_path, TimeSpan.FromSeconds(5)).LoadAll());

        Assert.Equal(PartnerStatus.Suspended, state.Partners["plan-r"].Status);
        Assert.Equal(["system/Patient.rs"], state.Workloads["plan-r/sync"].Definition!.Scopes.ToArray());
        Assert.Equal(TimeSpan.FromDays(90), state.Workloads["plan-r/sync"].Stewardship!.ReviewCadence);
        Assert.Equal("CN=sync", state.Certificates["t1"].Subject);
        Assert.True(state.Revocations.ContainsKey("t2"));
        Assert.Equal(PostureRisk.High, state.Posture["plan-r"].Risk);
        Assert.True(state.Grants["g1"].IsInForceAt(Now.AddMinutes(30)));
        Assert.Equal(["Claim"], state.Grants["g1"].ResourceTypes.ToArray());
        Assert.Equal(ReviewState.Claimed, state.Reviews["r1"].State);
        Assert.Single(state.Reviews);
    }

    [Theory]
    [InlineData("workload", "{not json")]
    [InlineData("something-newer", "{}")]
    public async Task LoadAll_UnreadableRecord_RefusesToLoad(string kind, string body)
    {
        var store = new SqliteGovernanceStore(_path, TimeSpan.FromSeconds(5));
        await store.SaveAsync([new CertificateRevocation { Thumbprint = "t2", Reason = "leaked", RevokedAt = Now, RevokedBy = "sec" }], Now, CancellationToken.None);
        using (var connection = new SqliteConnection("Data Source=" + _path))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO governance_record (kind, key, body, updated_at) VALUES ($k, 'x', $b, 0)";
            command.Parameters.AddWithValue("$k", kind);
            command.Parameters.AddWithValue("$b", body);
            command.ExecuteNonQuery();
        }

        Assert.Throws<InvalidDataException>(() => store.LoadAll());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
    }
}
