using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// Deletes realtime calls and finished batches and notifications past the retention period.
/// Pending work and failed batches younger than the retention are never touched.
/// </summary>
public sealed class RealtimeLogPruneJob(IDbContextFactory<AppDbContext> dbFactory, IOptions<RealtimeOptions> options, TimeProvider clock)
{
    public async Task RunAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow() - TimeSpan.FromDays(options.Value.LogRetentionDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<RealtimeCall>().Where(c => c.At < cutoff).ExecuteDeleteAsync(ct);
        var oldBatches = db.Set<RealtimeBatch>().Where(b => b.State != BatchState.Pending && b.CompletedAt < cutoff).Select(b => (long?)b.Id);
        await db.Set<RealtimeNotification>().Where(n => oldBatches.Contains(n.BatchId)).ExecuteDeleteAsync(ct);
        await db.Set<RealtimeNotification>().Where(n => n.State == NotificationState.Skipped && n.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
        await db.Set<RealtimeBatch>().Where(b => b.State != BatchState.Pending && b.CompletedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
