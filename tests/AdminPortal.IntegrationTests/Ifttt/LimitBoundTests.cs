using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Ifttt;

/// <summary>
/// The attack of issue 20 item 9: a poll with <c>limit: 2147483647</c> answered the whole timeline (54 MB) and a query
/// with <c>1e12</c> took the process to ~1 GB. Both now answer at most <see cref="Limit.Max"/> items, with a 200.
/// </summary>
public sealed class LimitBoundTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const int Seeded = Limit.Max + 5;

    // xunit makes a class instance per test; the seeded user is made once per factory.
    private static readonly ConditionalWeakTable<IftttFactory, Task<(string UserId, string Token)>> Seeds = new();

    private Task<(string UserId, string Token)> UserBeyondTheBoundAsync() => Seeds.GetValue(factory, SeedAsync);

    /// <summary>One user whose "front" door timeline holds more events than the bound (ingest takes 1,000 a batch).</summary>
    private static async Task<(string UserId, string Token)> SeedAsync(IftttFactory factory)
    {
        var created = await factory.CreateLinkedUserAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-2);
        foreach (var batch in Enumerable.Range(0, Seeded).Chunk(1000))
        {
            await factory.IngestAsync(batch.Select(i => IftttFactory.DoorEvent(created.UserId, "front", start.AddSeconds(i))).ToArray());
        }
        return created;
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("1e12")]
    [InlineData("1e400")]
    [InlineData("1001")]
    public async Task Poll_LimitAboveTheBound_AnswersTheNewestBoundManyWith200(string limit)
    {
        var (_, token) = await UserBeyondTheBoundAsync();
        var response = await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json($$"""{"triggerFields":{"door":"front"},"limit":{{limit}}}"""), Ct);
        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);

        var items = json.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(Limit.Max, items.Count);
        var timestamps = items.Select(i => i.GetProperty("meta").GetProperty("timestamp").GetInt64()).ToList();
        Assert.Equal(timestamps.OrderDescending(), timestamps);
    }

    [Fact]
    public async Task Poll_LimitAtTheBound_AnswersExactlyThatMany()
    {
        var (_, token) = await UserBeyondTheBoundAsync();
        var json = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json($$"""{"triggerFields":{"door":"front"},"limit":{{Limit.Max - 1}}}"""), Ct), HttpStatusCode.OK);

        Assert.Equal(Limit.Max - 1, json.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("2147483647")]
    [InlineData("1e12")]
    public async Task Query_LimitAboveTheBound_PagesAtTheBoundWithACursorToTheRest(string limit)
    {
        var (_, token) = await UserBeyondTheBoundAsync();
        var client = factory.IftttClient(token);
        var first = await QueryAsync(client, $$"""{"queryFields":{"door":"front"},"limit":{{limit}}}""");
        Assert.Equal(Limit.Max, first.GetProperty("data").GetArrayLength());

        var cursor = first.GetProperty("cursor").GetString();
        var rest = await QueryAsync(client, $$"""{"queryFields":{"door":"front"},"limit":{{limit}},"cursor":"{{cursor}}"}""");
        Assert.Equal(Seeded - Limit.Max, rest.GetProperty("data").GetArrayLength());
        Assert.False(rest.TryGetProperty("cursor", out _));
    }

    [Theory]
    [InlineData("2.5")]
    [InlineData("-1")]
    [InlineData("-1e400")]
    [InlineData("\"1000\"")]
    public async Task Poll_LimitNotANonNegativeInteger_Returns400InIftttShape(string limit)
    {
        var (_, token) = await factory.CreateLinkedUserAsync();
        var response = await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json($$"""{"triggerFields":{"door":"front"},"limit":{{limit}}}"""), Ct);

        var message = await HttpAssert.ErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("limit", message);
    }

    private static async Task<JsonElement> QueryAsync(HttpClient client, string body) =>
        await HttpAssert.JsonAsync(await client.PostAsync("/ifttt/v1/queries/list_door_events", IftttFactory.Json(body), Ct), HttpStatusCode.OK);
}
