using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.IntegrationTests.Realtime;

/// <summary>
/// The dispatcher's default, adaptive mode (decision 0024): an idle outbox sends at once; while a send is in flight,
/// what is committed gathers and goes out as the next batch.
/// </summary>
public sealed class AdaptiveDispatchTests : RealtimeTestBase
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The app's defaults (no DebounceWindow set) and a clock that never moves unless the test moves it.</summary>
    private AdminPortalFactory AdaptiveApp(FakeTimeProvider clock)
    {
        App.Settings.Remove("Ifttt:Realtime:DebounceWindow");
        App.Clock = clock;
        return App;
    }

    [Fact]
    public async Task IdleOutbox_OneEvent_SentBeforeAnyTimerCouldFire()
    {
        // Frozen time: a dispatcher that waited for any window (the old 1 s debounce ran on this clock) would never send.
        var clock = new FakeTimeProvider(Start);
        var app = AdaptiveApp(clock);

        await QueueAsync(app, ["lonely-door"]);

        var call = Assert.Single(await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(["lonely-door"], call.Entries());
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeCall>(app)).Count == 1, TimeSpan.FromSeconds(5));
        var logged = Assert.Single(await ReadAsync<RealtimeCall>(app));
        Assert.True(logged.Succeeded);
        Assert.Equal(Start, logged.At); // delivered and logged without the app's clock having advanced at all
        var notification = Assert.Single(await ReadAsync<RealtimeNotification>(app));
        Assert.Equal(NotificationState.Delivered, notification.State);
    }

    [Fact]
    public async Task EventsCommittedWhileASendIsInFlight_GoOutTogetherAsTheNextBatch()
    {
        var app = AdaptiveApp(new FakeTimeProvider(Start));
        var held = Fake.HoldNextAnswer();
        await QueueAsync(app, ["first"]);
        await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)); // the first send is now in flight, unanswered

        // Thirty commits of ten identities each, one signal each, while that send waits for its answer.
        var burst = Enumerable.Range(0, 300).Select(i => $"burst-{i:D3}").ToList();
        foreach (var commit in burst.Chunk(10))
        {
            await QueueAsync(app, commit);
        }
        await Task.Delay(300, Ct); // room for a wrong dispatcher to send some of them early (it cannot: the drain is busy)
        Assert.Single(Fake.Received);
        held.SetResult();

        var calls = await Fake.WaitForCallsAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal(burst, calls[1].Entries().Order());
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeNotification>(app)).All(n => n.State == NotificationState.Delivered),
            TimeSpan.FromSeconds(10));
        await Task.Delay(500, Ct);
        Assert.Equal(2, Fake.Received.Count); // one batch for the whole burst, not thirty
        Assert.Equal([1, 300], (await ReadAsync<RealtimeBatch>(app)).OrderBy(b => b.Id).Select(b => b.EntryCount));
    }

    [Fact]
    public async Task DeepQueue_2500Identities_FullBatchesOf1000BackToBack()
    {
        var app = AdaptiveApp(new FakeTimeProvider(Start));

        await QueueAsync(app, Enumerable.Range(0, 2500).Select(i => $"deep-{i:D4}"));

        var calls = await Fake.WaitForCallsAsync(3, TimeSpan.FromSeconds(15));
        Assert.Equal([1000, 1000, 500], calls.Select(c => c.Entries().Count));
    }
}
