using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Realtime;

/// <summary>What the dashboard does with realtime: nudge now, retry a failed batch.</summary>
public sealed class RealtimeAdmin(IDbContextFactory<AppDbContext> dbFactory, RealtimeOutbox outbox, TimeProvider clock)
{
    public async Task NudgeIdentityAsync(string triggerIdentity, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        outbox.AddForIdentities(db, [triggerIdentity], reason: "admin");
        await db.SaveChangesAsync(ct);
        outbox.Signal();
    }

    /// <summary>Realtime's <c>user_id</c> is the id user/info answers: the product's subject for product users.</summary>
    public async Task NudgeUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var publicId = await db.Set<ProductLink.ProductLinkRecord>().Where(l => l.UserId == userId).Select(l => l.Subject).FirstOrDefaultAsync(ct);
        outbox.AddForUser(db, publicId ?? userId, reason: "admin");
        await db.SaveChangesAsync(ct);
        outbox.Signal();
    }

    /// <summary>Puts a failed batch back in the queue with a fresh age budget.</summary>
    public async Task<bool> RetryBatchAsync(long batchId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var updated = await db.Set<RealtimeBatch>().Where(b => b.Id == batchId && b.State == BatchState.Failed)
            .ExecuteUpdateAsync(b => b.SetProperty(x => x.State, BatchState.Pending).SetProperty(x => x.CreatedAt, now)
                .SetProperty(x => x.NextAttemptAt, now).SetProperty(x => x.CompletedAt, (DateTimeOffset?)null), ct);
        await db.Set<RealtimeNotification>().Where(n => n.BatchId == batchId)
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.State, NotificationState.Batched), ct);
        await transaction.CommitAsync(ct);
        outbox.Signal();
        return updated == 1;
    }
}
