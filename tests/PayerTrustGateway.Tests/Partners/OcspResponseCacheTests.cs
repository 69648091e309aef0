using PayerTrustGateway.Partners;

namespace PayerTrustGateway.Tests.Partners;

/// <summary>The OCSP answer cache: what it keeps, for how long, and what gives way when it is full.</summary>
public sealed class OcspResponseCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    [Fact]
    public void Get_GoodAnswer_ServedUntilNextUpdateThenDropped()
    {
        var cache = new OcspResponseCache();
        cache.Set(Key(1), Good(Now, Now.AddHours(1)), Now, MaxAge);

        Assert.NotNull(cache.Get(Key(1), Now.AddHours(1), MaxAge));
        Assert.Null(cache.Get(Key(1), Now.AddHours(1).AddTicks(1), MaxAge));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Get_GoodAnswerWithoutNextUpdate_ServedUntilMaxResponseAge()
    {
        var cache = new OcspResponseCache();
        cache.Set(Key(1), Good(Now, null), Now, MaxAge);

        Assert.NotNull(cache.Get(Key(1), Now + MaxAge, MaxAge));
        Assert.Null(cache.Get(Key(1), Now + MaxAge + TimeSpan.FromTicks(1), MaxAge));
    }

    [Fact]
    public void Get_MaxResponseAgeShortenedSinceStored_TheShorterAgeWins()
    {
        var cache = new OcspResponseCache();
        cache.Set(Key(1), Good(Now, Now.AddDays(1)), Now, MaxAge);

        Assert.Null(cache.Get(Key(1), Now.AddMinutes(11), TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void Set_UnknownAnswer_IsNotStored()
    {
        var cache = new OcspResponseCache();

        cache.Set(Key(1), OcspAnswer.Unknown(OcspFailure.Timeout), Now, MaxAge);

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Set_GoodAfterRevoked_KeepsRevoked()
    {
        var cache = new OcspResponseCache();
        cache.Set(Key(1), Revoked(Now), Now, MaxAge);

        cache.Set(Key(1), Good(Now, Now.AddHours(1)), Now, MaxAge);

        Assert.Equal(RevocationCheck.Revoked, cache.Get(Key(1), Now.AddDays(30), MaxAge)?.Status);
    }

    [Fact]
    public void Set_FullOfCurrentGoodAnswers_DoesNotStoreAnotherGood()
    {
        var cache = new OcspResponseCache(capacity: 2);
        cache.Set(Key(1), Good(Now, Now.AddHours(1)), Now, MaxAge);
        cache.Set(Key(2), Good(Now, Now.AddHours(1)), Now, MaxAge);

        cache.Set(Key(3), Good(Now, Now.AddHours(1)), Now, MaxAge);

        Assert.Equal(2, cache.Count);
        Assert.Null(cache.Get(Key(3), Now, MaxAge));
    }

    [Fact]
    public void Set_FullWithExpiredEntries_SweepsThemFirst()
    {
        var cache = new OcspResponseCache(capacity: 2);
        cache.Set(Key(1), Good(Now, Now.AddHours(1)), Now, MaxAge);
        cache.Set(Key(2), Good(Now, Now.AddHours(1)), Now, MaxAge);
        var later = Now.AddHours(2);

        cache.Set(Key(3), Good(later, later.AddHours(1)), later, MaxAge);

        Assert.Equal(1, cache.Count);
        Assert.NotNull(cache.Get(Key(3), later, MaxAge));
    }

    [Fact]
    public void Set_FullOfGoodAnswers_RevokedDisplacesOne()
    {
        var cache = new OcspResponseCache(capacity: 2);
        cache.Set(Key(1), Good(Now, Now.AddHours(1)), Now, MaxAge);
        cache.Set(Key(2), Good(Now, Now.AddHours(1)), Now, MaxAge);

        cache.Set(Key(3), Revoked(Now), Now, MaxAge);

        Assert.Equal(2, cache.Count);
        Assert.Equal(RevocationCheck.Revoked, cache.Get(Key(3), Now, MaxAge)?.Status);
    }

    private static OcspCacheKey Key(int serial) => new("ISSUER", serial.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static OcspAnswer Good(DateTimeOffset thisUpdate, DateTimeOffset? nextUpdate) => new(RevocationCheck.Good, OcspFailure.None, thisUpdate, nextUpdate);

    private static OcspAnswer Revoked(DateTimeOffset thisUpdate) => new(RevocationCheck.Revoked, OcspFailure.None, thisUpdate, thisUpdate.AddHours(1));
}
