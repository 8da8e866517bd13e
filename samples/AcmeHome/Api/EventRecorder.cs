using AcmeHome.Storage;

namespace AcmeHome.Api;

/// <summary>Records a home event (what the product's own app does when a door opens) and announces it.</summary>
public sealed class EventRecorder(AcmeDbContext db, TimeProvider clock, IEnumerable<IEventListener> listeners)
{
    public async Task<HomeEvent> RecordAsync(string userId, string type, Door door, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var evt = new HomeEvent
        {
            UserId = userId, Type = type, DoorId = door.Id, RoomId = door.RoomId,
            // Whole seconds, as the API shows them, so the stored and the shown time agree.
            OccurredAt = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
        };
        db.Events.Add(evt);
        await db.SaveChangesAsync(ct);
        foreach (var listener in listeners)
        {
            listener.Recorded(evt);
        }

        return evt;
    }
}

/// <summary>Told about every recorded event after it is stored (e.g. the webhook sender).</summary>
public interface IEventListener
{
    void Recorded(HomeEvent evt);
}
