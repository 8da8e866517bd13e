using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.OAuth.Connections;

/// <summary>A connection used at a moment, waiting to be stamped.</summary>
public sealed record ConnectionUse(string AuthorizationId, DateTimeOffset At);

/// <summary>
/// Stamps "last used" for the connections IFTTT's API calls used, in batches off the request path (like the
/// request log): a poll never waits for this write, nor for another writer's lock.
/// </summary>
public sealed class ConnectionUsageWriter(IDbContextFactory<AppDbContext> dbFactory, DatabaseWriteGate writeGate, ILogger<ConnectionUsageWriter> logger)
    : BatchWriter<ConnectionUse>(writeGate, logger)
{
    protected override async Task WriteBatchAsync(IReadOnlyList<ConnectionUse> batch, CancellationToken ct)
    {
        var latest = batch.GroupBy(u => u.AuthorizationId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Max(u => u.At), StringComparer.Ordinal);
        var ids = latest.Keys.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Set<ConnectionUsage>().Where(u => ids.Contains(u.AuthorizationId)).ToDictionaryAsync(u => u.AuthorizationId, ct);
        foreach (var (id, at) in latest)
        {
            if (existing.TryGetValue(id, out var row))
            {
                row.LastUsedAt = at > row.LastUsedAt ? at : row.LastUsedAt;
            }
            else
            {
                db.Add(new ConnectionUsage { AuthorizationId = id, LastUsedAt = at });
            }
        }
        await db.SaveChangesAsync(ct);
    }
}
