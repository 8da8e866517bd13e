using AdminPortal.Data;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// Queues nudges on the caller's <see cref="AppDbContext"/>, so they commit (or roll back) with the
/// events that caused them. Call <see cref="Signal"/> after the commit.
/// </summary>
public sealed class RealtimeOutbox(TimeProvider clock, RealtimeSignal signal, IRealtimeSql sql)
{
    public void AddForIdentities(AppDbContext db, IEnumerable<string> triggerIdentities, string reason = "event")
    {
        var now = clock.GetUtcNow();
        foreach (var identity in triggerIdentities)
        {
            db.Add(new RealtimeNotification { TriggerIdentity = identity, CreatedAt = now, Reason = reason });
        }
    }

    /// <summary>
    /// The ingest path's version of <see cref="AddForIdentities"/>: one INSERT … SELECT for the whole batch (the ids
    /// travel as one JSON parameter), inside the caller's open transaction, instead of a tracked entity per row.
    /// </summary>
    public async Task InsertForIdentitiesAsync(AppDbContext db, IReadOnlyCollection<string> triggerIdentities, CancellationToken ct)
    {
        var createdAt = clock.GetUtcNow().UtcTicks; // UtcTicksConverter's storage form
        await sql.InsertEventNotificationsAsync(db, JsonRows.Values(triggerIdentities), createdAt, (int)NotificationState.Pending, ct);
    }

    public void AddForUser(AppDbContext db, string userId, string reason = "admin") =>
        db.Add(new RealtimeNotification { UserId = userId, CreatedAt = clock.GetUtcNow(), Reason = reason });

    public void Signal() => signal.Notify();
}
