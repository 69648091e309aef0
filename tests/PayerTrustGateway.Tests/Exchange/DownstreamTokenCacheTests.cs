using Microsoft.Extensions.Time.Testing;
using PayerTrustGateway.Exchange;

namespace PayerTrustGateway.Tests.Exchange;

/// <summary>S6.7: a cached downstream token is reused only within its lifetime and never past the current partner token.</summary>
public sealed class DownstreamTokenCacheTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Get_ReturnsTheTokenUntilItHasLessThanTheMinimumLeft()
    {
        var cache = new DownstreamTokenCache(_time);
        var token = Token(TimeSpan.FromMinutes(5));
        cache.Set("k", token, 10, TimeSpan.FromSeconds(30));

        Assert.Same(token, cache.Get("k", DateTimeOffset.MaxValue, TimeSpan.FromSeconds(30)));
        _time.Advance(TimeSpan.FromMinutes(4.5) + TimeSpan.FromSeconds(1));
        Assert.Null(cache.Get("k", DateTimeOffset.MaxValue, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Get_NeverReturnsATokenOutlivingThisRequestsPartnerToken()
    {
        var cache = new DownstreamTokenCache(_time);
        var token = Token(TimeSpan.FromMinutes(5));
        cache.Set("k", token, 10, TimeSpan.Zero);

        Assert.Null(cache.Get("k", _time.GetUtcNow().AddMinutes(2), TimeSpan.Zero));
    }

    [Fact]
    public void Set_SkipsTokensTooCloseToExpiry_AndStaysWithinCapacity()
    {
        var cache = new DownstreamTokenCache(_time);
        cache.Set("short", Token(TimeSpan.FromSeconds(10)), 10, TimeSpan.FromSeconds(30));
        Assert.Equal(0, cache.Count);

        for (var i = 0; i < 25; i++)
        {
            cache.Set("k" + i, Token(TimeSpan.FromMinutes(5)), 10, TimeSpan.Zero);
        }

        Assert.InRange(cache.Count, 1, 10);
    }

    private DownstreamToken Token(TimeSpan lifetime) => new("t", Guid.NewGuid().ToString("N"), _time.GetUtcNow() + lifetime, "https://gw");
}
