using AdminPortal.Data;
using AdminPortal.Features.Ifttt;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductApi.Calls;

/// <summary>
/// Writes queued call records in batches off the request path (the request-log writer's pattern), so recording a call
/// never adds a database write to the time IFTTT waits. Product calls are few next to polls: plain EF inserts suffice.
/// </summary>
public sealed class ProductCallWriter(IDbContextFactory<AppDbContext> dbFactory, DatabaseWriteGate writeGate, ILogger<ProductCallWriter> logger)
    : BatchWriter<ProductCall>(writeGate, logger)
{
    protected override async Task WriteBatchAsync(IReadOnlyList<ProductCall> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AddRange(batch);
        await db.SaveChangesAsync(ct);
    }
}
