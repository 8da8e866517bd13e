using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Timelines;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ifttt;

public sealed class IdentityAndLogTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<T> ReadAsync<T>(Func<AppDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task PollAsync(HttpClient client, string identity, bool realtime = false)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/ifttt/v1/triggers/door_opened")
        {
            Content = IftttFactory.Json($"{{\"trigger_identity\":\"{identity}\",\"triggerFields\":{{\"door\":\"front\"}}}}"),
        };
        if (realtime)
        {
            message.Headers.Add("X-IFTTT-Realtime", "1");
        }
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(message, Ct)).StatusCode);
    }

    [Fact]
    public async Task Poll_WithIdentity_RecordsCountsRealtimeAndTestMode()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        client.DefaultRequestHeaders.Add("IFTTT-Test-Mode", "1");
        await PollAsync(client, "ident-1");
        await PollAsync(client, "ident-1", realtime: true);
        await PollAsync(client, "ident-1");

        var identity = await IftttFactory.EventuallyAsync(
            () => ReadAsync(db => db.Set<TriggerIdentity>().AsNoTracking().FirstOrDefaultAsync(i => i.UserId == userId && i.Id == "ident-1", Ct)),
            i => i?.PollCount == 3);

        Assert.NotNull(identity);
        Assert.Equal(3, identity.PollCount);
        Assert.Equal(1, identity.RealtimePollCount);
        Assert.True(identity.TestMode);
        Assert.Equal("door_opened", identity.Trigger);
        Assert.Null(identity.EndedAt);
    }

    [Fact]
    public async Task DeleteIdentity_ThenPoll_EndsThenReactivatesKeepingHistory()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        await PollAsync(client, "ident-2");

        var delete = await client.DeleteAsync("/ifttt/v1/triggers/door_opened/trigger_identity/ident-2", Ct);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        var ended = await IftttFactory.EventuallyAsync(
            () => ReadAsync(db => db.Set<TriggerIdentity>().AsNoTracking().FirstOrDefaultAsync(i => i.UserId == userId && i.Id == "ident-2", Ct)),
            i => i?.EndedAt is not null);
        Assert.NotNull(ended?.EndedAt);

        await PollAsync(client, "ident-2");
        var again = await IftttFactory.EventuallyAsync(
            () => ReadAsync(db => db.Set<TriggerIdentity>().AsNoTracking().FirstOrDefaultAsync(i => i.UserId == userId && i.Id == "ident-2", Ct)),
            i => i?.PollCount == 2);
        Assert.Null(again!.EndedAt);
        Assert.Equal(ended!.FirstSeenAt, again.FirstSeenAt);
    }

    [Fact]
    public async Task IftttRequests_AreLoggedWithStatusUserItemsAndErrors()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        var requestId = Guid.NewGuid().ToString();
        var message = new HttpRequestMessage(HttpMethod.Post, "/ifttt/v1/triggers/door_opened") { Content = IftttFactory.Json("""{"triggerFields":{"door":"front"},"limit":5}""") };
        message.Headers.Add("X-Request-ID", requestId);
        await client.SendAsync(message, Ct);
        await client.PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json("{}"), Ct);

        var rows = await IftttFactory.EventuallyAsync(
            () => ReadAsync(db => db.Set<RequestLogEntry>().AsNoTracking().Where(e => e.UserId == userId).OrderBy(e => e.Id).ToListAsync(Ct)),
            r => r.Count == 2);

        Assert.Equal(2, rows.Count);
        Assert.Equal((requestId, "triggers/door_opened", "POST", 200, 0), (rows[0].RequestId, rows[0].Endpoint, rows[0].Method, rows[0].Status, rows[0].Items));
        Assert.Equal(400, rows[1].Status);
        Assert.Equal("triggerFields is required.", rows[1].Error);
    }

    [Fact]
    public async Task RequestLogPrune_RemovesOnlyRowsOlderThanRetention()
    {
        _ = factory.CreateClient();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.AddRange(
                new RequestLogEntry { At = DateTimeOffset.UtcNow.AddDays(-31), Method = "GET", Endpoint = "old", Status = 200, LatencyMs = 1 },
                new RequestLogEntry { At = DateTimeOffset.UtcNow.AddDays(-29), Method = "GET", Endpoint = "recent", Status = 200, LatencyMs = 1 });
            await db.SaveChangesAsync(Ct);
        }

        await factory.Services.GetRequiredService<RequestLogPruneJob>().RunAsync(Ct);

        var endpoints = await ReadAsync(db => db.Set<RequestLogEntry>().Where(e => e.Endpoint == "old" || e.Endpoint == "recent").Select(e => e.Endpoint).ToListAsync(Ct));
        Assert.Equal(["recent"], endpoints);
    }

    [Fact]
    public async Task MatchingIdentities_NewEvent_FindsActiveIdentitiesWhoseFieldsItMatches()
    {
        var (userId, token) = await factory.CreateLinkedUserAsync();
        var client = factory.IftttClient(token);
        await PollAsync(client, "front-door");
        var back = new HttpRequestMessage(HttpMethod.Post, "/ifttt/v1/triggers/door_opened")
        {
            Content = IftttFactory.Json("{\"trigger_identity\":\"back-door\",\"triggerFields\":{\"door\":\"back\"}}"),
        };
        await client.SendAsync(back, Ct);
        await IftttFactory.EventuallyAsync(() => ReadAsync(db => db.Set<TriggerIdentity>().CountAsync(i => i.UserId == userId, Ct)), n => n == 2);

        await using var scope = factory.Services.CreateAsyncScope();
        var shapes = scope.ServiceProvider.GetRequiredService<AdminPortal.Features.Timelines.MatchShapes>();
        var keys = shapes.EventKeys("door_opened", new Dictionary<string, string> { ["door"] = "front", ["room"] = "hall" });
        var matching = scope.ServiceProvider.GetRequiredService<MatchingIdentities>();
        var found = await matching.FindForEventsAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            new Dictionary<string, HashSet<long>> { [userId] = [.. keys] }, Ct);

        Assert.Equal(["front-door"], found);
    }
}
