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

    /// <summary>
    /// Whether <see cref="ClaimPendingAsync"/> locks the rows it returns (PostgreSQL: several instances may drain one
    /// database), so it must run inside the transaction that batches them. SQLite's one process reads them before taking
    /// the write lock instead, holding it only for the updates.
    /// </summary>
    bool ClaimsWithRowLocks { get; }

    /// <summary>Up to <paramref name="max"/> pending notifications, oldest first, none another instance has claimed.</summary>
    Task<List<PendingNotification>> ClaimPendingAsync(AppDbContext db, int max, CancellationToken ct);

    /// <summary>
    /// The oldest pending batch due at <paramref name="nowTicks"/> that nobody holds, leased to <paramref name="owner"/>
    /// until <paramref name="leaseUntilTicks"/>; null when there is none. SQLite: the lease is simply taken (one process,
    /// one drain at a time), nothing is written.
    /// </summary>
    Task<long?> ClaimDueBatchAsync(AppDbContext db, string owner, long nowTicks, long leaseUntilTicks, CancellationToken ct);
}

/// <summary>A notification not yet in a batch: what batching reads of it.</summary>
public sealed record PendingNotification(long Id, string? TriggerIdentity, string? UserId);
