using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Ingest;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Secrets;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ingest;

public sealed class IngestTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private HttpClient Client(string? header = "X-Api-Key", string key = IftttFactory.IngestKey)
    {
        var client = factory.CreateClient();
        if (header == "Bearer")
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        }
        else if (header is not null)
        {
            client.DefaultRequestHeaders.Add(header, key);
        }
        return client;
    }

    private async Task<int> CountEventsAsync(string userId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<TimelineEvent>().CountAsync(e => e.UserId == userId, Ct);
    }

    [Theory]
    [InlineData("X-Api-Key")]
    [InlineData("Bearer")]
    public async Task Ingest_ConfiguredKeyInEitherPlace_StoresEvent(string header)
    {
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var json = await HttpAssert.JsonAsync(await Client(header).PostAsJsonAsync("/api/v1/events", IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow), Ct), HttpStatusCode.OK);

        var id = json.GetProperty("data")[0].GetProperty("id").GetString();
        Assert.Equal(26, id!.Length);
        Assert.Equal(1, await CountEventsAsync(userId));
    }

    [Fact]
    public async Task Ingest_KeyGeneratedOnTheServicePage_IsAcceptedToo()
    {
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var generated = await factory.Services.GetRequiredService<ISecretStore>().GenerateAsync(SecretNames.IngestApiKey, Ct);
        await HttpAssert.JsonAsync(await Client(key: generated).PostAsJsonAsync("/api/v1/events", IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow), Ct), HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong")]
    public async Task Ingest_MissingOrWrongKey_Returns401WithErrors(string? key)
    {
        var client = key is null ? Client(header: null) : Client(key: key);
        await HttpAssert.ErrorAsync(await client.PostAsJsonAsync("/api/v1/events", new { }, Ct), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Ingest_ExternalId_ResolvesToTheUser()
    {
        var (userId, _) = await factory.CreateLinkedUserAsync(externalId: $"ext-{Guid.NewGuid():N}");
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var external = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == userId).Select(u => u.ExternalId).SingleAsync(Ct);
            await factory.IngestAsync(IftttFactory.DoorEvent(external!, "front", DateTimeOffset.UtcNow));
        }
        Assert.Equal(1, await CountEventsAsync(userId));
    }

    [Fact]
    public async Task IngestService_TypedEvents_StoresOnceBySourceIdAndRefusesTheBatchOverOneBadItem()
    {
        // The typed API connectors and the dashboard call: the same rules as the HTTP endpoint, per-item results.
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var at = DateTimeOffset.UtcNow;
        NewEvent Door(string sourceId) => new(userId, "door_opened", new Dictionary<string, string> { ["door"] = "front" },
            new Dictionary<string, string> { ["door"] = "front", ["room"] = "hall", ["opened_at"] = at.ToString("o"), ["snapshot_url"] = "https://example.com/s.jpg" },
            sourceId, at);

        await using var scope = factory.Services.CreateAsyncScope();
        var ingest = scope.ServiceProvider.GetRequiredService<IngestService>();
        var first = await ingest.IngestAsync([Door("typed-1")], Ct);
        var again = await ingest.IngestAsync([Door("typed-1"), Door("typed-2")], Ct);
        var refused = await ingest.IngestAsync([Door("typed-3"), Door("typed-4") with { User = "nobody" }], Ct);

        Assert.Equal(IngestOutcome.Stored, first.Items[0].Outcome);
        Assert.Equal([IngestOutcome.Duplicate, IngestOutcome.Stored], again.Items.Select(i => i.Outcome));
        Assert.Equal(first.Items[0].EventId, again.Items[0].EventId);
        Assert.False(refused.Accepted);
        Assert.Equal([IngestOutcome.NotStored, IngestOutcome.Invalid], refused.Items.Select(i => i.Outcome));
        Assert.Equal("unknown user 'nobody'.", refused.Items[1].Error);
        Assert.Equal(2, await CountEventsAsync(userId));
    }

    [Fact]
    public async Task Ingest_OneBadItem_StoresNothingAndNamesTheIndex()
    {
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var events = new object[]
        {
            IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow),
            new { user = userId, trigger = "door_opened", attributes = new { door = "x" }, ingredients = new { door = "x", room = "r", opened_at = "yesterday", snapshot_url = "https://e.com" } },
            new { user = userId, trigger = "no_such", ingredients = new { } },
            new { user = "nobody", trigger = "button_pressed", ingredients = new { button = "b", pressed_at = DateTimeOffset.UtcNow } },
            new { user = userId, trigger = "button_pressed", ingredients = new { button = "b" } },
            new { user = userId, trigger = "door_opened", attributes = new { door = 3 }, ingredients = new { } },
        };
        var json = await HttpAssert.JsonAsync(await Client().PostAsJsonAsync("/api/v1/events", events, Ct), HttpStatusCode.BadRequest);

        var messages = json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()!).ToList();
        Assert.Collection(messages,
            m => Assert.StartsWith("events[1]: ingredient 'opened_at'", m),
            m => Assert.Equal("events[2]: unknown trigger 'no_such'.", m),
            m => Assert.Equal("events[3]: unknown user 'nobody'.", m),
            m => Assert.Equal("events[4]: missing ingredient 'pressed_at'.", m),
            m => Assert.Equal("events[5]: attribute 'door' must be a string.", m));
        Assert.Equal(0, await CountEventsAsync(userId));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("{\"user\":")]
    public async Task Ingest_EmptyOrMalformed_Returns400(string body)
    {
        await HttpAssert.ErrorAsync(await Client().PostAsync("/api/v1/events", IftttFactory.Json(body), Ct), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Ingest_MoreThanMaxBatch_Returns400()
    {
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var events = Enumerable.Range(0, 1001).Select(_ => IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow)).ToArray();
        Assert.Contains("1000", await HttpAssert.ErrorAsync(await Client().PostAsJsonAsync("/api/v1/events", events, Ct), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Ingest_DuplicateSourceId_StoredOnceAndSameIdReturned()
    {
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var at = DateTimeOffset.UtcNow;
        var first = await factory.IngestAsync(new[] { IftttFactory.DoorEvent(userId, "front", at, sourceId: "s-1"), IftttFactory.DoorEvent(userId, "front", at, sourceId: "s-1") });
        var again = await factory.IngestAsync(IftttFactory.DoorEvent(userId, "front", at, sourceId: "s-1"));
        var otherSource = await factory.IngestAsync(IftttFactory.DoorEvent(userId, "front", at, sourceId: "s-2"));

        Assert.Equal(first[0], first[1]);
        Assert.Equal(first[0], again[0]);
        Assert.NotEqual(first[0], otherSource[0]);
        Assert.Equal(2, await CountEventsAsync(userId));
    }

    [Fact]
    public async Task Ingest_SameSourceIdForAnotherUserOrTrigger_IsNotADuplicate()
    {
        var (alice, _) = await factory.CreateLinkedUserAsync();
        var (bob, _) = await factory.CreateLinkedUserAsync();
        var at = DateTimeOffset.UtcNow;
        var button = new { user = alice, trigger = "button_pressed", attributes = new { button = "blue" },
            ingredients = new { button = "blue", pressed_at = at.ToString("o") }, source_id = "shared-1" };

        var ids = await factory.IngestAsync(new object[] { IftttFactory.DoorEvent(alice, "front", at, sourceId: "shared-1"), IftttFactory.DoorEvent(bob, "front", at, sourceId: "shared-1"), button });

        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(2, await CountEventsAsync(alice));
        Assert.Equal(1, await CountEventsAsync(bob));
    }

    [Fact]
    public async Task Ingest_TextWithQuotesAndUnicode_PollsBackExactly()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        const string door = "Tür \"Nord\" ✓ 🚪";
        await factory.IngestAsync(IftttFactory.DoorEvent(userId, door, DateTimeOffset.UtcNow, room: "a\\b\n"));

        var poll = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json(JsonSerializer.Serialize(new { triggerFields = new { door } })), Ct), HttpStatusCode.OK);

        var item = poll.GetProperty("data")[0];
        Assert.Equal(door, item.GetProperty("door").GetString());
        Assert.Equal("a\\b\n", item.GetProperty("room").GetString());
    }

    [Fact]
    public async Task Ingest_BatchOf1000_StoresAllInInputOrder()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var events = Enumerable.Range(0, 1000).Select(i => IftttFactory.DoorEvent(userId, $"door{i % 10}", start.AddSeconds(i), sourceId: $"b-{i}")).ToArray();
        // Speed is the benchmark driver's job (bench/); this proves the batch is whole and ordered.
        var ids = await factory.IngestAsync(events);

        Assert.Equal(1000, ids.Distinct().Count());

        var poll = await HttpAssert.JsonAsync(await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json("""{"triggerFields":{"door":"door9"},"limit":1}"""), Ct), HttpStatusCode.OK);
        Assert.Equal(ids[999], poll.GetProperty("data")[0].GetProperty("meta").GetProperty("id").GetString());
    }
}
