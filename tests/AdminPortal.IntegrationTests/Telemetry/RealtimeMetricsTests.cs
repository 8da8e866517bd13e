using AdminPortal.Data;
using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Telemetry;

/// <summary>Deliveries by outcome, and the queue gauges read from the outbox through their cache.</summary>
public sealed class RealtimeMetricsTests : RealtimeTestBase
{
    [Fact]
    public async Task RejectedThenAccepted_CountsRetryThenDelivered_GaugesShowTheBacklogWhileItWaits()
    {
        App.Settings["OpenTelemetry:GaugeRefresh"] = "00:00:01";
        for (var i = 0; i < 4; i++)
        {
            Fake.Respond(503); // refused for about 1.5 s of retries (200 ms, doubling), then accepted
        }
        _ = App.Server;
        using var recorder = new AppMeterRecorder(App.Services);

        await QueueAsync(App, ["identity-a", "identity-b"]);
        await recorder.EventuallySumAsync("adminportal.realtime.deliveries", 1, ("outcome", "retry"));
        var depth = await IftttFactoryEventually(() => recorder.Observe("adminportal.realtime.queue.depth").LastOrDefault()?.Value, v => v == 2);
        Assert.Equal(2, depth);
        Assert.True(recorder.Observe("adminportal.realtime.oldest_pending.age").Last().Value >= 0);

        Assert.Equal(1, await recorder.EventuallySumAsync("adminportal.realtime.deliveries", 1, ("outcome", "delivered")));
        Assert.Equal(0, await IftttFactoryEventually(() => recorder.Observe("adminportal.realtime.queue.depth").Last().Value, v => v == 0));
        Assert.Equal(4, recorder.Sum("adminportal.realtime.deliveries", ("outcome", "retry")));
    }

    [Fact]
    public async Task QueueGauge_IsReadFromItsCache_NotPerObservation()
    {
        _ = App.Server; // the default refresh: 30 s
        using var recorder = new AppMeterRecorder(App.Services);
        Assert.Equal(0, recorder.Observe("adminportal.realtime.queue.depth").Last().Value);

        // A notification stuck in a batch that is not due: the drainer leaves it alone, the gauge's next read counts it.
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            db.Add(new RealtimeNotification { TriggerIdentity = "stuck", CreatedAt = DateTimeOffset.UtcNow.AddMinutes(-5), State = NotificationState.Batched });
            await db.SaveChangesAsync(Ct);
        }

        Assert.Equal(0, recorder.Observe("adminportal.realtime.queue.depth").Last().Value);
    }

    private static Task<T> IftttFactoryEventually<T>(Func<T> probe, Func<T, bool> done) =>
        Infrastructure.IftttFactory.EventuallyAsync(() => Task.FromResult(probe()), done);
}
