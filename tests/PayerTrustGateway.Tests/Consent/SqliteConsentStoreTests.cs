using PayerTrustGateway.Consent;
using PayerTrustGateway.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace PayerTrustGateway.Tests.Consent;

public sealed class SqliteConsentStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ptg-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ChangeFeed_NamesEveryMemberChangedAfterAPosition()
    {
        var store = Store();
        var start = await store.GetPositionAsync(default);
        var first = await store.RecordAsync(Terms("m1"), "a", Now, default);
        await store.RecordAsync(Terms("m2"), "a", Now, default);
        var middle = await store.GetPositionAsync(default);
        await store.RevokeAsync(first.Id, "b", "withdrawn", Now, default);

        var all = await store.GetChangesAsync(start, default);
        var later = await store.GetChangesAsync(middle, default);

        Assert.Equal(["m1", "m2", "m1"], all.MemberKeys.ToArray());
        Assert.Equal(["m1"], later.MemberKeys.ToArray());
        Assert.Equal(await store.GetPositionAsync(default), later.Position);
    }

    [Fact]
    public async Task Revision_MovingTheConsentToAnotherMember_ChangesBothMembers()
    {
        var store = Store();
        await store.RecordAsync(Terms("m1") with { SourceId = "s1" }, "a", Now, default);
        var position = await store.GetPositionAsync(default);

        var revised = await store.RecordAsync(Terms("m9") with { SourceId = "s1" }, "a", Now, default);

        Assert.Equal(2, revised.Version);
        Assert.Equal(["m9", "m1"], (await store.GetChangesAsync(position, default)).MemberKeys.ToArray());
        Assert.Empty((await store.FindByMemberAsync("m1", default)).Records);
    }

    [Fact]
    public async Task SecondInstance_OnTheSameFile_SeesARevocationAtOnce()
    {
        var writer = Store();
        var reader = Registry(Store());
        var record = await writer.RecordAsync(Terms("m1"), "a", Now, default);
        Assert.Equal(ConsentStatus.Active, Assert.Single((await reader.GetAsync("m1", default)).Records).Status);

        await writer.RevokeAsync(record.Id, "b", null, Now, default);

        Assert.Equal(ConsentStatus.Revoked, Assert.Single((await reader.GetAsync("m1", default)).Records).Status);
    }

    [Fact]
    public async Task Registry_UnderConcurrentLookups_NeverServesAConsentOlderThanTheRevocation()
    {
        var store = Store();
        var registry = Registry(store);
        var records = new List<ConsentRecord>();
        for (var i = 0; i < 20; i++)
        {
            records.Add(await store.RecordAsync(Terms("m" + i), "a", Now, default));
        }

        var revokedAt = new long[20];
        Array.Fill(revokedAt, long.MaxValue);
        var stale = 0;
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(r => Task.Run(async () =>
        {
            var i = r;
            while (!stop.IsCancellationRequested)
            {
                i = (i + 7) % 20;
                var startedAt = System.Diagnostics.Stopwatch.GetTimestamp();
                var status = (await registry.GetAsync("m" + i, default)).Records[0].Status;
                if (startedAt > Volatile.Read(ref revokedAt[i]) && status != ConsentStatus.Revoked)
                {
                    Interlocked.Increment(ref stale);
                }
            }
        })).ToList();

        for (var i = 0; i < 20; i++)
        {
            await store.RevokeAsync(records[i].Id, "b", null, Now, default);
            Volatile.Write(ref revokedAt[i], System.Diagnostics.Stopwatch.GetTimestamp());
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Equal(0, stale);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(ConsentStatus.Revoked, (await registry.GetAsync("m" + i, default)).Records[0].Status);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private SqliteConsentStore Store() => new(Path.Combine(_directory, SqliteConsentStore.FileName), TimeSpan.FromSeconds(5));

    private static ConsentRegistry Registry(IConsentStore store) =>
        new(store, new LastGoodOptions<ConsentOptions>(new OptionsFactory<ConsentOptions>([], []), [], NullLogger<LastGoodOptions<ConsentOptions>>.Instance));

    private static ConsentTerms Terms(string member) =>
        new(member, ["https://payer.example/member|" + member], "plan-a", ["COC"], [], ConsentPolicy.Regular, Now.AddDays(-1), Now.AddDays(1), null, null);
}
