using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Realtime;

/// <summary>Ingest → the identities IFTTT polls with matching fields → one realtime request; nothing else.</summary>
public sealed class RealtimeMatchingTests : IAsyncLifetime
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
    public async Task Ingest_EventMatchingSomeIdentities_NudgesExactlyThoseOnce()
    {
        var (userId, token) = await _app.CreateLinkedUserAsync();
        var (_, otherToken) = await _app.CreateLinkedUserAsync();
        await PollAsync(token, "door_opened", "front-door", """{"door":"front"}""");
        await PollAsync(token, "door_opened", "back-door", """{"door":"back"}""");
        await PollAsync(token, "button_pressed", "any-button", "{}");
        await PollAsync(token, "door_opened", "endpoint-test", """{"door":"front"}""", testMode: true);
        await PollAsync(otherToken, "door_opened", "other-users-front", """{"door":"front"}""");
        await WaitForIdentitiesAsync(5);

        await _app.IngestAsync(new[]
        {
            IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow),
            IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow.AddSeconds(1)),
            new
            {
                user = userId,
                trigger = "button_pressed",
                attributes = new { button = "blue" },
                ingredients = new { button = "blue", pressed_at = DateTimeOffset.UtcNow.ToString("o") },
            },
        });

        var call = Assert.Single(await _fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        // "any-button" has its optional field empty: it matches every button.
        Assert.Equal(["any-button", "front-door"], call.Entries().Order());
        await Task.Delay(500, Ct);
        Assert.Single(_fake.Received);
    }

    [Fact]
    public async Task Ingest_AfterIdentityDeleted_NothingSent()
    {
        var (userId, token) = await _app.CreateLinkedUserAsync();
        await PollAsync(token, "door_opened", "gone", """{"door":"front"}""");
        await WaitForIdentitiesAsync(1);
        var delete = await _app.IftttClient(token).DeleteAsync("/ifttt/v1/triggers/door_opened/trigger_identity/gone", Ct);
        Assert.True(delete.IsSuccessStatusCode);
        await IftttFactory.EventuallyAsync(ActiveIdentitiesAsync, n => n == 0);

        await _app.IngestAsync(IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow));
        await Task.Delay(1000, Ct);

        Assert.Empty(_fake.Received);
        await using var db = await Db();
        Assert.Equal(0, await db.Set<RealtimeNotification>().CountAsync(Ct));
    }

    private async Task PollAsync(string token, string trigger, string identity, string fields, bool testMode = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/ifttt/v1/triggers/{trigger}")
        {
            Content = IftttFactory.Json($$"""{"trigger_identity":"{{identity}}","triggerFields":{{fields}},"limit":1}"""),
        };
        if (testMode)
        {
            request.Headers.Add("IFTTT-Test-Mode", "1");
        }
        var response = await _app.IftttClient(token).SendAsync(request, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task WaitForIdentitiesAsync(int count) =>
        Assert.Equal(count, await IftttFactory.EventuallyAsync(ActiveIdentitiesAsync, n => n >= count));

    private async Task<int> ActiveIdentitiesAsync()
    {
        await using var db = await Db();
        return await db.Set<TriggerIdentity>().CountAsync(i => i.EndedAt == null, Ct);
    }

    private Task<AppDbContext> Db() => _app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _fake.DisposeAsync();
    }
}
