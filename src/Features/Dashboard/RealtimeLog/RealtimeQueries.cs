using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Realtime;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Dashboard.RealtimeLog;

/// <summary>Realtime delivery at a glance: what waits, what failed, when IFTTT last accepted a nudge.</summary>
public sealed record RealtimeSummary(int PendingBatches, int FailedBatches, int QueuedNotifications, DateTimeOffset? LastDeliveredAt, RealtimeCall? LastCall);

/// <summary>Reads the realtime outbox, its batches and the call log.</summary>
public sealed class RealtimeQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<RealtimeSummary> SummaryAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var batches = db.Set<RealtimeBatch>().AsNoTracking();
        var pending = await batches.Where(b => b.State == BatchState.Pending).Take(Paging.CountCap + 1).CountAsync(ct);
        var failed = await batches.Where(b => b.State == BatchState.Failed).Take(Paging.CountCap + 1).CountAsync(ct);
        var queued = await db.Set<RealtimeNotification>().Where(n => n.State == NotificationState.Pending).Take(Paging.CountCap + 1).CountAsync(ct);
        var lastDelivered = await db.Set<RealtimeCall>().AsNoTracking().Where(c => c.Succeeded).OrderByDescending(c => c.At)
            .Select(c => (DateTimeOffset?)c.At).FirstOrDefaultAsync(ct);
        var lastCall = await db.Set<RealtimeCall>().AsNoTracking().OrderByDescending(c => c.At).FirstOrDefaultAsync(ct);
        return new RealtimeSummary(pending, failed, queued, lastDelivered, lastCall);
    }

    public async Task<Paged<RealtimeBatch>> BatchesAsync(BatchState? state, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var batches = db.Set<RealtimeBatch>().AsNoTracking();
        if (state is { } s)
        {
            batches = batches.Where(b => b.State == s);
        }
        return await Paging.PageAsync(batches.OrderByDescending(b => b.Id), page, pageSize, ct);
    }

    public async Task<Paged<RealtimeCall>> CallsAsync(bool failedOnly, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var calls = db.Set<RealtimeCall>().AsNoTracking();
        if (failedOnly)
        {
            calls = calls.Where(c => !c.Succeeded);
        }
        return await Paging.PageAsync(calls.OrderByDescending(c => c.At).ThenByDescending(c => c.Id), page, pageSize, ct);
    }
}
