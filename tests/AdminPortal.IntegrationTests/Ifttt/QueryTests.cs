using System.Net;
using System.Text.Json;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class QueryTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> QueryAsync(HttpClient client, string body) =>
        await HttpAssert.JsonAsync(await client.PostAsync("/ifttt/v1/queries/list_door_events", IftttFactory.Json(body), Ct), HttpStatusCode.OK);

    [Fact]
    public async Task Query_CursorWalkWithInsertsBetweenPages_ReturnsEveryEventOnceNewestFirst()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var start = DateTimeOffset.UtcNow.AddHours(-2);
        await factory.IngestAsync(Enumerable.Range(0, 7).Select(i => IftttFactory.DoorEvent(userId, $"door{i}", start.AddMinutes(i))).ToArray());
        var client = factory.IftttClient(token);

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var cursorMember = cursor is null ? "" : $",\"cursor\":\"{cursor}\"";
            var page = await QueryAsync(client, $"{{\"queryFields\":{{\"door\":\"\"}},\"limit\":3{cursorMember}}}");
            seen.AddRange(page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("door").GetString()!));
            cursor = page.TryGetProperty("cursor", out var c) ? c.GetString() : null;
            // A new event arrives between pages: it is newer than everything paged, so the walk is unaffected.
            await factory.IngestAsync(IftttFactory.DoorEvent(userId, $"new{pages}", DateTimeOffset.UtcNow));
            pages++;
        } while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(Enumerable.Range(0, 7).Reverse().Select(i => $"door{i}"), seen);
    }

    [Fact]
    public async Task Query_FieldValue_FiltersAndLastPageHasNoCursor()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        await factory.IngestAsync(new[] { "a", "b", "a" }.Select((d, i) => IftttFactory.DoorEvent(userId, d, DateTimeOffset.UtcNow.AddMinutes(-i))).ToArray());

        var page = await QueryAsync(factory.IftttClient(token), """{"queryFields":{"door":"a"},"limit":2}""");

        Assert.Equal(["a", "a"], page.GetProperty("data").EnumerateArray().Select(r => r.GetProperty("door").GetString()));
        Assert.False(page.TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task Query_ForeignCursor_Returns400()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        await HttpAssert.ErrorAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/queries/list_door_events",
            IftttFactory.Json("""{"queryFields":{},"cursor":"bm9wZQ"}"""), Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Query_UnknownSlug_Returns404()
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        await HttpAssert.ErrorAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/queries/nope", IftttFactory.Json("{}"), Ct), HttpStatusCode.NotFound);
    }
}
