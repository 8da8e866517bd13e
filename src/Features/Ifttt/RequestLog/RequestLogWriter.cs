using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>Writes queued request-log rows in batches, so logging never adds a write to IFTTT's latency.</summary>
public sealed class RequestLogWriter(IDbContextFactory<AppDbContext> dbFactory, DatabaseWriteGate writeGate, ILogger<RequestLogWriter> logger)
    : BatchWriter<RequestLogEntry>(writeGate, logger)
{
    protected override async Task WriteBatchAsync(IReadOnlyList<RequestLogEntry> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Set<RequestLogEntry>().AddRange(batch);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear(); // retries must not re-add entities that already have ids
    }
}
