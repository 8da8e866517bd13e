using System.Diagnostics.Metrics;
using AdminPortal.Data;
using AdminPortal.Features.Telemetry;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// The outbox's backlog: notifications not yet delivered, failed or skipped (pending, or in a batch still being retried).
/// Both read the (State, Id) index; <see cref="CachedGauge"/>'s cache keeps them to one read per refresh interval.
/// </summary>
internal sealed class RealtimeQueueDepthGauge(IDbContextFactory<AppDbContext> dbFactory) : IStateGauge
{
    public string Name => "adminportal.realtime.queue.depth";
    public string? Unit => "{notification}";
    public string Description => "Realtime notifications waiting to reach IFTTT (pending or in a batch being retried).";

    public async Task<IReadOnlyList<Measurement<double>>> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var waiting = await RealtimeBacklog.Waiting(db).CountAsync(ct);
        return [new Measurement<double>(waiting)];
    }
}

internal sealed class RealtimeOldestPendingGauge(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IStateGauge
{
    public string Name => "adminportal.realtime.oldest_pending.age";
    public string? Unit => "s";
    public string Description => "Age of the oldest realtime notification not yet delivered; 0 when none waits.";

    public async Task<IReadOnlyList<Measurement<double>>> ReadAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Ids grow with time, so the lowest waiting id is the oldest: an index seek, not a scan of CreatedAt.
        var oldest = await RealtimeBacklog.Waiting(db).OrderBy(n => n.Id).Select(n => (DateTimeOffset?)n.CreatedAt).FirstOrDefaultAsync(ct);
        var age = oldest is { } createdAt ? Math.Max(0, (clock.GetUtcNow() - createdAt).TotalSeconds) : 0;
        return [new Measurement<double>(age)];
    }
}

internal static class RealtimeBacklog
{
    public static IQueryable<RealtimeNotification> Waiting(AppDbContext db) =>
        db.Set<RealtimeNotification>().AsNoTracking()
            .Where(n => n.State == NotificationState.Pending || n.State == NotificationState.Batched);
}
