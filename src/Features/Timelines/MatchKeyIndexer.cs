using System.Text.Json;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

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
public sealed class MatchKeyIndexer(MatchShapes shapes, ITimelineSql sql, TimeProvider clock, ILogger<MatchKeyIndexer> logger) : IStartupTask
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
            var rows = new JsonRows(64 * 1024);
            foreach (var e in chunk)
            {
                var attributes = JsonSerializer.Deserialize<Dictionary<string, string>>(e.Attributes) ?? [];
                var occurred = e.OccurredAt.ToUnixTimeMilliseconds();
                foreach (var key in shapes.EventKeys(e.Trigger, attributes))
                {
                    rows.Row(w =>
                    {
                        w.WriteStringValue(e.UserId);
                        w.WriteNumberValue(key);
                        w.WriteNumberValue(occurred);
                        w.WriteStringValue(e.Id);
                    });
                }
            }
            if (rows.Count > 0)
            {
                await sql.InsertMatchKeysAsync(db, rows.ToJson(), ignoreExisting: true, ct);
            }
            total += chunk.Count;
            after = chunk[^1].Id;
        }
    }
}
