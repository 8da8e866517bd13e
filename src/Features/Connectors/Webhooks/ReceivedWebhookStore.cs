using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Connectors.Webhooks;

/// <summary>Every statement against <c>ReceivedWebhooks</c>.</summary>
public sealed class ReceivedWebhookStore(AppDbContext db, DatabaseWriteGate writeGate)
{
    public Task<bool> SeenAsync(string source, string messageId, CancellationToken ct) =>
        db.Set<ReceivedWebhook>().AsNoTracking().AnyAsync(w => w.Source == source && w.MessageId == messageId, ct);

    /// <summary>Recorded after the events are stored: a crash in between makes the retry store again, which source-id dedup absorbs.</summary>
    public async Task RecordAsync(string source, string messageId, DateTimeOffset at, CancellationToken ct)
    {
        var ms = at.ToUnixTimeMilliseconds();
        using (await writeGate.EnterAsync(ct))
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "ReceivedWebhooks" ("Source", "MessageId", "ReceivedAt") VALUES ({source}, {messageId}, {ms})
                ON CONFLICT DO NOTHING
                """, ct);
        }
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken ct)
    {
        var ms = before.ToUnixTimeMilliseconds();
        using (await writeGate.EnterAsync(ct))
        {
            return await db.Database.ExecuteSqlAsync($"""DELETE FROM "ReceivedWebhooks" WHERE "ReceivedAt" < {ms}""", ct);
        }
    }
}
