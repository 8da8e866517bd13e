using AdminPortal.Features.Ifttt.Queries;
using AdminPortal.Features.Timelines;

namespace AdminPortal.UnitTests.Features.Ifttt;

public sealed class CursorAndIdTests
{
    [Fact]
    public void Cursor_RoundTrips()
    {
        var position = new TimelinePosition(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123), Ulid.New(DateTimeOffset.UtcNow));
        Assert.Equal(position, QueryCursor.Decode(QueryCursor.Encode(position)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("bm9wZQ")]
    [InlineData("djEuLTEuYWJj")]
    public void Cursor_Foreign_DecodesToNull(string cursor) => Assert.Null(QueryCursor.Decode(cursor));

    [Fact]
    public void Ulid_Is26CrockfordCharactersUniqueAndTimeOrdered()
    {
        var early = Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(1_000));
        var late = Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(2_000));
        var many = Enumerable.Range(0, 1000).Select(_ => Ulid.New(DateTimeOffset.UtcNow)).ToHashSet();

        Assert.Equal(26, early.Length);
        Assert.All(early, c => Assert.Contains(c, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"));
        Assert.True(string.CompareOrdinal(early, late) < 0);
        Assert.Equal(1000, many.Count);
        Assert.StartsWith("0000000", Ulid.New(DateTimeOffset.FromUnixTimeMilliseconds(0)));
    }
}
