using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Timelines;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Dashboard;

/// <summary>The Timelines page's "add test event" goes the ingest API's way: stored, then IFTTT is nudged.</summary>
public sealed class TestEventTests : IAsyncLifetime
{
    private FakeIftttRealtime _fake = null!;
    private IftttFactory _app = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _fake = await FakeIftttRealtime.StartAsync();
        _app = new IftttFactory();
        _app.Settings["Ifttt:RealtimeUrl"] = _fake.BaseUrl;
        _app.Settings["Ifttt:Realtime:DebounceWindow"] = "00:00:00.100";
    }

    [Fact]
    public async Task AddTestEvent_MatchingIdentity_StoredAndRealtimeNudgeSent()
    {
        var (userId, token) = await _app.CreateLinkedUserAsync(externalId: "cust-42");
        var poll = await _app.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json("""{"trigger_identity":"front-door","triggerFields":{"door":"front"}}"""), Ct);
        Assert.True(poll.IsSuccessStatusCode);
        await IftttFactory.EventuallyAsync(async () => { await using var db = await Db(); return await db.Set<TriggerIdentity>().CountAsync(Ct); }, n => n == 1);

        TestEventResult result;
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            result = await scope.ServiceProvider.GetRequiredService<TestEventService>().AddAsync(new TestEventForm
            {
                User = "cust-42",
                Trigger = "door_opened",
                Attributes = new() { ["door"] = "front", ["room"] = "hall" },
                Ingredients = new() { ["door"] = "front", ["room"] = "hall", ["opened_at"] = "2026-11-26T08:15:00+01:00", ["snapshot_url"] = "https://example.com/a.jpg" },
            }, Ct);
        }

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        await using (var db = await Db())
        {
            Assert.Equal(userId, (await db.Set<TimelineEvent>().SingleAsync(e => e.Id == result.EventId, Ct)).UserId);
            Assert.Equal("front-door", (await db.Set<RealtimeNotification>().SingleAsync(Ct)).TriggerIdentity);
        }
        var call = Assert.Single(await _fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(["front-door"], call.Entries());
    }

    private Task<AppDbContext> Db() => _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _fake.DisposeAsync();
    }
}
