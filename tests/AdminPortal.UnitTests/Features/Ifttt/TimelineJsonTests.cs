using System.Buffers;
using System.Text;
using System.Text.Json;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Timelines;

namespace AdminPortal.UnitTests.Features.Ifttt;

public sealed class TimelineJsonTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 26, 10, 15, 30, 999, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"door":"front","room":"hall"}""")]
    [InlineData("""{"door":"T\u00fcr \"Nord\" ✓"}  """)]
    [InlineData("{}")]
    [InlineData("{ }\n")]
    public void WriteWithMeta_BytesEqualTheStringFormAndParseWithMeta(string ingredients)
    {
        var output = new ArrayBufferWriter<byte>();
        TimelineJson.WriteWithMeta(output, Encoding.UTF8.GetBytes(ingredients), "01JDQ7ZK8Y3M5N6P7Q8R9S0T1V", At);

        var fromBytes = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.Equal(TimelineJson.WithMeta(new TimelineItem("01JDQ7ZK8Y3M5N6P7Q8R9S0T1V", At, ingredients)), fromBytes);

        using var json = JsonDocument.Parse(fromBytes);
        var meta = json.RootElement.GetProperty("meta");
        Assert.Equal("01JDQ7ZK8Y3M5N6P7Q8R9S0T1V", meta.GetProperty("id").GetString());
        Assert.Equal(At.ToUnixTimeSeconds(), meta.GetProperty("timestamp").GetInt64());
    }
}
