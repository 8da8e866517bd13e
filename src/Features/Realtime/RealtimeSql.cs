using AdminPortal.Data;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// The realtime store's provider-specific statements (<c>RealtimeNotifications</c>, <c>RealtimeIdentityNudges</c>),
/// its one seam. Ids arrive as one flat <see cref="JsonRows"/> array; instants as <see cref="UtcTicksConverter"/>'s
/// storage form.
/// </summary>
public interface IRealtimeSql
{
    /// <summary>Pending "event" notifications, one per identity, inside the caller's transaction.</summary>
    Task InsertEventNotificationsAsync(AppDbContext db, string identityIds, long createdAtTicks, int pendingState, CancellationToken ct);

    /// <summary>Upserts each identity's last nudge.</summary>
    Task RecordNudgesAsync(AppDbContext db, string identityIds, long atTicks, CancellationToken ct);
}
