using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Hosting;
using PayerTrustGateway.Tokens;

namespace PayerTrustGateway.Tests.Tokens;

public sealed class InMemoryReplayCacheTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
    private readonly LastGoodOptions<TokensOptions> _options;

    public InMemoryReplayCacheTests()
    {
        var factory = new OptionsFactory<TokensOptions>([new ConfigureOptions<TokensOptions>(o => o.ReplayCacheCapacity = 1000)], []);
        _options = new LastGoodOptions<TokensOptions>(factory, [], NullLogger<LastGoodOptions<TokensOptions>>.Instance);
    }

    [Fact]
    public async Task TryRecord_SameKeyBeforeExpiry_RefusesReplay()
    {
        var cache = Create();

        Assert.True(await cache.TryRecordAsync("dpop:k:1", _time.GetUtcNow().AddMinutes(1), default));
        Assert.False(await cache.TryRecordAsync("dpop:k:1", _time.GetUtcNow().AddMinutes(1), default));
    }

    [Fact]
    public async Task TryRecord_SameKeyAfterExpiry_AcceptsAgain()
    {
        var cache = Create();
        Assert.True(await cache.TryRecordAsync("dpop:k:1", _time.GetUtcNow().AddMinutes(1), default));

        _time.Advance(TimeSpan.FromMinutes(2));

        Assert.True(await cache.TryRecordAsync("dpop:k:1", _time.GetUtcNow().AddMinutes(1), default));
    }

    [Fact]
    public async Task TryRecord_FullOfUnexpiredEntries_FailsClosedUntilTheyExpire()
    {
        var cache = Create();
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(await cache.TryRecordAsync("k" + i, _time.GetUtcNow().AddMinutes(1), default));
        }

        Assert.False(await cache.TryRecordAsync("one-more", _time.GetUtcNow().AddMinutes(1), default));

        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await cache.TryRecordAsync("one-more", _time.GetUtcNow().AddMinutes(1), default));
        Assert.Equal(1, cache.Count);
    }

    public void Dispose() => _options.Dispose();

    private InMemoryReplayCache Create() => new(_options, _time, NullLogger<InMemoryReplayCache>.Instance);
}
