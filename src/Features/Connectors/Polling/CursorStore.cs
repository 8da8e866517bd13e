using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Connectors.Polling;

/// <summary>Every read and write of <c>ConnectorCursors</c>.</summary>
public sealed class CursorStore(AppDbContext db, DatabaseWriteGate writeGate)
{
    public async Task<ConnectorCursor> GetAsync(string userId, string trigger, CancellationToken ct) =>
        await db.Set<ConnectorCursor>().FirstOrDefaultAsync(c => c.UserId == userId && c.Trigger == trigger, ct)
        ?? new ConnectorCursor { UserId = userId, Trigger = trigger };

    /// <summary>Saves the row as changed by the caller (inserted the first time).</summary>
    public async Task SaveAsync(ConnectorCursor cursor, CancellationToken ct)
    {
        if (db.Entry(cursor).State == EntityState.Detached)
        {
            db.Add(cursor);
        }
        using (await writeGate.EnterAsync(ct))
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The users due for <paramref name="trigger"/>: linked, with an active identity for it, not waiting out an interval or backoff.</summary>
    public Task<List<string>> DueUsersAsync(string trigger, DateTimeOffset now, CancellationToken ct) =>
        CandidatesQuery(trigger)
            .Where(id => !db.Set<ConnectorCursor>().Any(c => c.UserId == id && c.Trigger == trigger && c.NextRunAt != null && c.NextRunAt > now))
            .ToListAsync(ct);

    public Task<List<string>> CandidatesAsync(string trigger, CancellationToken ct) => CandidatesQuery(trigger).ToListAsync(ct);

    /// <summary>Linked users (a product subject) with at least one trigger identity IFTTT has not deleted.</summary>
    private IQueryable<string> CandidatesQuery(string trigger) =>
        db.Users.AsNoTracking()
            .Where(u => u.ExternalId != null)
            .Where(u => db.Set<Timelines.TriggerIdentity>().Any(t => t.UserId == u.Id && t.Trigger == trigger && t.EndedAt == null))
            .Select(u => u.Id);

    public Task<List<ConnectorCursor>> ForTriggerAsync(string trigger, CancellationToken ct) =>
        db.Set<ConnectorCursor>().AsNoTracking().Where(c => c.Trigger == trigger).ToListAsync(ct);
}
