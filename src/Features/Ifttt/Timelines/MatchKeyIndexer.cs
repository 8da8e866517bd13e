using System.Text.Json;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>Which filter shapes the stored match keys were written for (one row).</summary>
public sealed class TimelineIndexState
{
    public const int SingletonId = 1;

    public int Id { get; init; } = SingletonId;
    public required string ShapesFingerprint { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// Keeps <c>EventMatchKeys</c> in step with the declared service: each event is stored with one key per filter shape
/// its trigger's fields (and queries) can ask for, so adding or changing a field would otherwise leave older events
/// invisible to the new filters. At start-up, when the shapes' fingerprint differs from the stored one, every event's
/// keys are rewritten (in chunks; a crash part-way leaves the old fingerprint, so the next start redoes it).
/// </summary>
public sealed class MatchKeyIndexer(MatchShapes shapes, TimeProvider clock, ILogger<MatchKeyIndexer> logger) : IStartupTask
{
    private const int EventsPerChunk = 5000;

    public async Task RunAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var state = await db.Set<TimelineIndexState>().FirstOrDefaultAsync(s => s.Id == TimelineIndexState.SingletonId, ct);
        if (state?.ShapesFingerprint == shapes.Fingerprint)
        {
            return;
        }
        if (await db.Set<TimelineEvent>().AnyAsync(ct))
        {
            logger.LogWarning("The triggers' filter fields changed since the match keys were written; rebuilding them for every stored event.");
            var rebuilt = await RebuildAsync(db, ct);
            logger.LogInformation("Rebuilt the match keys of {Events} event(s).", rebuilt);
        }
        if (state is null)
        {
            db.Add(new TimelineIndexState { ShapesFingerprint = shapes.Fingerprint, UpdatedAt = clock.GetUtcNow() });
        }
        else
        {
            state.ShapesFingerprint = shapes.Fingerprint;
            state.UpdatedAt = clock.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
    }

    private async Task<long> RebuildAsync(AppDbContext db, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync("""DELETE FROM "EventMatchKeys";""", ct);
        var connection = db.Database.GetDbConnection();
        long total = 0;
        var after = "";
        while (true)
        {
            var chunk = await db.Set<TimelineEvent>().AsNoTracking()
                .Where(e => string.Compare(e.Id, after) > 0).OrderBy(e => e.Id).Take(EventsPerChunk)
                .Select(e => new { e.Id, e.UserId, e.Trigger, e.OccurredAt, e.Attributes })
                .ToListAsync(ct);
            if (chunk.Count == 0)
            {
                return total;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction.GetDbTransaction();
            insert.CommandText = """
                INSERT OR IGNORE INTO "EventMatchKeys" ("UserId", "MatchKey", "OccurredAt", "EventId") VALUES ($user, $key, $occurred, $id)
                """;
            var user = insert.AddParameter("$user", null);
            var key = insert.AddParameter("$key", null);
            var occurred = insert.AddParameter("$occurred", null);
            var id = insert.AddParameter("$id", null);
            foreach (var e in chunk)
            {
                var attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(e.Attributes) ?? [];
                user.Value = e.UserId;
                occurred.Value = e.OccurredAt.ToUnixTimeMilliseconds();
                id.Value = e.Id;
                foreach (var k in shapes.EventKeys(e.Trigger, attributes))
                {
                    key.Value = k;
                    await insert.ExecuteNonQueryAsync(ct);
                }
            }
            await transaction.CommitAsync(ct);
            total += chunk.Count;
            after = chunk[^1].Id;
        }
    }
}
