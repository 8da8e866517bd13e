using AdminPortal.Data;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// Queues nudges on the caller's <see cref="AppDbContext"/>, so they commit (or roll back) with the
/// events that caused them. Call <see cref="Signal"/> after the commit.
/// </summary>
public sealed class RealtimeOutbox(TimeProvider clock, RealtimeSignal signal)
{
    public void AddForIdentities(AppDbContext db, IEnumerable<string> triggerIdentities, string reason = "event")
    {
        var now = clock.GetUtcNow();
        foreach (var identity in triggerIdentities)
        {
            db.Add(new RealtimeNotification { TriggerIdentity = identity, CreatedAt = now, Reason = reason });
        }
    }

    public void AddForUser(AppDbContext db, string userId, string reason = "admin") =>
        db.Add(new RealtimeNotification { UserId = userId, CreatedAt = clock.GetUtcNow(), Reason = reason });

    public void Signal() => signal.Notify();
}
