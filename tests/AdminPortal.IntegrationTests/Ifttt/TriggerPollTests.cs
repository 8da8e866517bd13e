using System.Net;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class TriggerPollTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A user with five "front" door events a minute apart (oldest first) and one "back" door event.</summary>
    private async Task<(string Token, List<string> FrontIds)> UserWithDoorEventsAsync()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        var ids = await factory.IngestAsync(Enumerable.Range(0, 5).Select(i => IftttFactory.DoorEvent(userId, "front", start.AddMinutes(i))).ToArray());
        await factory.IngestAsync(IftttFactory.DoorEvent(userId, "back", start.AddMinutes(10)));
        return (token, ids);
    }

    private static Task<HttpResponseMessage> PollAsync(HttpClient client, string body, string trigger = "door_opened") =>
        client.PostAsync($"/ifttt/v1/triggers/{trigger}", IftttFactory.Json(body), Ct);

    [Theory]
    [InlineData(null, 5)]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 3)]
    [InlineData(50, 5)]
    public async Task Poll_Limit_ReturnsThatManyNewestFirst(int? limit, int expected)
    {
        var (token, ids) = await UserWithDoorEventsAsync();
        var limitMember = limit is null ? "" : $",\"limit\":{limit}";
        var json = await HttpAssert.JsonAsync(await PollAsync(factory.IftttClient(token), $"{{\"triggerFields\":{{\"door\":\"front\"}}{limitMember}}}"), HttpStatusCode.OK);

        var items = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(expected, items.Count);
        var newestFirst = Enumerable.Reverse(ids).Take(expected).ToList();
        Assert.Equal(newestFirst, items.Select(i => i.GetProperty("meta").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Poll_Items_HaveIngredientsUniqueIdsAndIntegerTimestampsDescending()
    {
        var (token, _) = await UserWithDoorEventsAsync();
        var json = await HttpAssert.JsonAsync(await PollAsync(factory.IftttClient(token), """{"triggerFields":{"door":"front"},"limit":50}"""), HttpStatusCode.OK);

        var items = json.GetProperty("data").EnumerateArray().ToList();
        Assert.All(items, i =>
        {
            Assert.Equal("front", i.GetProperty("door").GetString());
            Assert.Equal("https://example.com/snap.jpg", i.GetProperty("snapshot_url").GetString());
            Assert.True(DateTimeOffset.TryParse(i.GetProperty("opened_at").GetString(), out _));
            Assert.Equal(JsonValueKind.Number, i.GetProperty("meta").GetProperty("timestamp").ValueKind);
        });
        var timestamps = items.Select(i => i.GetProperty("meta").GetProperty("timestamp").GetInt64()).ToList();
        Assert.Equal(timestamps.OrderDescending(), timestamps);
        Assert.Equal(items.Count, items.Select(i => i.GetProperty("meta").GetProperty("id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Poll_FieldValue_ReturnsOnlyMatchingEvents()
    {
        var (token, _) = await UserWithDoorEventsAsync();
        var json = await HttpAssert.JsonAsync(await PollAsync(factory.IftttClient(token), """{"triggerFields":{"door":"back"}}"""), HttpStatusCode.OK);

        Assert.Equal(["back"], json.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("door").GetString()));
    }

    [Fact]
    public async Task Poll_OtherUsersEvents_AreNeverReturned()
    {
        await UserWithDoorEventsAsync();
        var (_, otherToken) = await factory.CreateLinkedUserAsync();
        var json = await HttpAssert.JsonAsync(await PollAsync(factory.IftttClient(otherToken), """{"triggerFields":{"door":"front"}}"""), HttpStatusCode.OK);

        Assert.Equal(0, json.GetProperty("data").GetArrayLength());
    }

    [Fact]
    public async Task Poll_OptionalFieldEmpty_MatchesAnyValue()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var at = DateTimeOffset.UtcNow;
        await factory.IngestAsync(new[] { "red", "blue" }.Select((b, i) => new
        {
            user = userId, trigger = "button_pressed", attributes = new { button = b },
            ingredients = new { button = b, pressed_at = at.AddSeconds(i).ToString("o") }, occurred_at = at.AddSeconds(i).ToString("o"),
        }).ToArray());
        var client = factory.IftttClient(token);

        var any = await HttpAssert.JsonAsync(await PollAsync(client, """{"triggerFields":{"button":""}}""", "button_pressed"), HttpStatusCode.OK);
        var absent = await HttpAssert.JsonAsync(await PollAsync(client, """{"triggerFields":{}}""", "button_pressed"), HttpStatusCode.OK);
        var red = await HttpAssert.JsonAsync(await PollAsync(client, """{"triggerFields":{"button":"red"}}""", "button_pressed"), HttpStatusCode.OK);

        Assert.Equal(["blue", "red"], any.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("button").GetString()));
        Assert.Equal(2, absent.GetProperty("data").GetArrayLength());
        Assert.Equal(["red"], red.GetProperty("data").EnumerateArray().Select(i => i.GetProperty("button").GetString()));
    }

    [Fact]
    public async Task Poll_RandomExtraMembers_AreIgnored()
    {
        var (token, _) = await UserWithDoorEventsAsync();
        var body = """{"triggerFields":{"door":"front","extra_field":"x"},"limit":2,"user":{"timezone":"Europe/Paris"},"ifttt_source":{"id":"1","url":"u"},"trigger_identity":"abc","zz_random":{"a":[1,2]}}""";
        var json = await HttpAssert.JsonAsync(await PollAsync(factory.IftttClient(token), body), HttpStatusCode.OK);

        Assert.Equal(2, json.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"limit":3}""")]
    [InlineData("""{"triggerFields":{}}""")]
    [InlineData("""{"triggerFields":{"door":""}}""")]
    [InlineData("""{"triggerFields":{"door":"front"},"limit":-1}""")]
    [InlineData("""{"triggerFields":{"door":"front"},"limit":"many"}""")]
    [InlineData("""{"triggerFields":{"door":"front"},"limit":2.5}""")]
    [InlineData("""{"triggerFields":{"door":"front"}""")]
    [InlineData("")]
    public async Task Poll_BadBody_Returns400WithErrors(string body)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        await HttpAssert.ErrorAsync(await PollAsync(factory.IftttClient(token), body), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Poll_UnknownTrigger_Returns404WithErrors()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        await HttpAssert.ErrorAsync(await PollAsync(factory.IftttClient(token), """{"triggerFields":{}}""", "no_such_trigger"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Poll_BodyOverOneMebibyte_Returns413WithErrors()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var body = $$"""{"triggerFields":{"door":"front"},"padding":"{{new string('x', 1024 * 1024 + 10)}}"}""";
        await HttpAssert.ErrorAsync(await PollAsync(factory.IftttClient(token), body), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Poll_GzipAccepted_ResponseIsCompressed()
    {
        var (token, _) = await UserWithDoorEventsAsync();
        var client = factory.IftttClient(token);
        client.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate");
        var response = await PollAsync(client, """{"triggerFields":{"door":"front"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        await using var gzip = new System.IO.Compression.GZipStream(await response.Content.ReadAsStreamAsync(Ct), System.IO.Compression.CompressionMode.Decompress);
        using var json = await JsonDocument.ParseAsync(gzip, cancellationToken: Ct);
        Assert.Equal(5, json.RootElement.GetProperty("data").GetArrayLength());
    }
}
