using IAmSmart.Sdk.Auth;
using IAmSmart.Sdk.Transport;

namespace IAmSmart.Sdk.Tests.Transport;

/// <summary>
/// <see cref="UnixTime"/>: wire times outside what <see cref="DateTimeOffset"/> holds give a typed failure or null, never
/// <see cref="ArgumentOutOfRangeException"/>; and a getToken answer with such times is a typed service failure.
/// </summary>
public sealed class UnixTimeTests
{
    private static readonly long Max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();
    private static readonly long Min = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();

    [Fact]
    public void Times_within_range_convert_and_those_outside_do_not()
    {
        Assert.True(UnixTime.TryFromMilliseconds(1_700_000_000_000, out var time));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), time);
        Assert.True(UnixTime.TryFromMilliseconds(Max, out _));
        Assert.True(UnixTime.TryFromMilliseconds(Min, out _));
        Assert.False(UnixTime.TryFromMilliseconds(Max + 1, out _));
        Assert.False(UnixTime.TryFromMilliseconds(Min - 1, out _));
        Assert.False(UnixTime.TryFromMilliseconds(long.MaxValue, out _));
        Assert.False(UnixTime.TryFromMilliseconds(long.MinValue, out _));
        Assert.Null(UnixTime.FromMilliseconds(null));
        Assert.Null(UnixTime.FromMilliseconds(long.MaxValue));
        Assert.Equal(time, UnixTime.FromMilliseconds(1_700_000_000_000));
    }

    [Fact]
    public void Adding_stays_within_range_or_says_it_cannot()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        Assert.True(UnixTime.TryAdd(start, 14_400_000, out var later));
        Assert.Equal(start.AddHours(4), later);
        Assert.True(UnixTime.TryAdd(start, -1_000, out var earlier));
        Assert.Equal(start.AddSeconds(-1), earlier);
        Assert.True(UnixTime.TryAdd(start, Max - 1_700_000_000_000, out var last));
        Assert.Equal(Max, last.ToUnixTimeMilliseconds());
        Assert.False(UnixTime.TryAdd(start, Max - 1_700_000_000_000 + 1, out _));
        Assert.False(UnixTime.TryAdd(start, long.MaxValue, out _));
        Assert.False(UnixTime.TryAdd(start, long.MinValue, out _));
    }

    [Theory]
    [InlineData(long.MaxValue, 14_400_000L)]
    [InlineData(-62_135_596_800_001L, 14_400_000L)]
    [InlineData(1_700_000_000_000L, long.MaxValue)]
    [InlineData(1_700_000_000_000L, long.MinValue)]
    public void A_token_answer_with_times_out_of_range_is_a_typed_service_failure(long issueAt, long expiresIn)
    {
        var content = new TokenContent { AccessToken = "tok-0001", OpenId = "open-id", IssueAt = issueAt, ExpiresIn = expiresIn, Scope = "eidapi_auth" };

        var ex = Assert.Throws<IAmSmartServiceException>(() => content.ToAccessToken("<T=0001>"));

        Assert.False(ex.IsTransient);
    }

    [Fact]
    public void A_token_answer_keeps_its_times_and_drops_a_last_modified_date_out_of_range()
    {
        var content = new TokenContent
        {
            AccessToken = "tok-0001", OpenId = "open-id", IssueAt = 1_700_000_000_000, ExpiresIn = 14_400_000, Scope = "eidapi_auth", LastModifiedDate = long.MaxValue,
        };

        var token = content.ToAccessToken(txId: null);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000), token.IssuedAt);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_014_400_000), token.ExpiresAt);
        Assert.Null(token.LastModifiedAt);
    }
}
