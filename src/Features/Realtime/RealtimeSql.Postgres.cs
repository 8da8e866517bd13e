using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// PostgreSQL's statements for the realtime store: ids unpacked with <c>json_array_elements_text</c>; notifications and
/// batches claimed with <c>FOR UPDATE SKIP LOCKED</c>, so instances sharing the database never take the same rows
/// (docs/decisions/0028).
/// </summary>
public sealed class PostgresRealtimeSql : IRealtimeSql
{
    public async Task InsertEventNotificationsAsync(AppDbContext db, string identityIds, long createdAtTicks, int pendingState, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RealtimeNotifications" ("TriggerIdentity", "UserId", "CreatedAt", "State", "BatchId", "Reason")
            SELECT id, NULL, {createdAtTicks}, {pendingState}, NULL, 'event' FROM json_array_elements_text({identityIds}::json) AS id
            """, ct);

    // DISTINCT: unlike SQLite, PostgreSQL refuses an ON CONFLICT DO UPDATE that touches one row twice.
    public async Task RecordNudgesAsync(AppDbContext db, string identityIds, long atTicks, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RealtimeIdentityNudges" ("TriggerIdentity", "LastNudgedAt")
            SELECT DISTINCT id, {atTicks} FROM json_array_elements_text({identityIds}::json) AS id
            ON CONFLICT ("TriggerIdentity") DO UPDATE SET "LastNudgedAt" = excluded."LastNudgedAt"
            """, ct);

    public bool ClaimsWithRowLocks => true;

    // Locked until the caller's transaction commits their batches; another instance's drain skips them meanwhile.
    public Task<List<PendingNotification>> ClaimPendingAsync(AppDbContext db, int max, CancellationToken ct) =>
        db.Database.SqlQuery<PendingNotification>($"""
            SELECT "Id", "TriggerIdentity", "UserId" FROM "RealtimeNotifications"
            WHERE "State" = {(int)NotificationState.Pending} ORDER BY "Id" LIMIT {max}
            FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);

    // One statement, committed at once: the row lock only keeps two claims from picking the same batch at the same
    // moment; the lease (LeasedUntil) is what keeps it claimed while it is sent, and what expires if the owner dies.
    public async Task<long?> ClaimDueBatchAsync(AppDbContext db, string owner, long nowTicks, long leaseUntilTicks, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"""
            UPDATE "RealtimeBatches" SET "LeaseOwner" = {owner}, "LeasedUntil" = {leaseUntilTicks}
            WHERE "Id" = (
                SELECT "Id" FROM "RealtimeBatches"
                WHERE "State" = {(int)BatchState.Pending} AND "NextAttemptAt" <= {nowTicks}
                  AND ("LeasedUntil" IS NULL OR "LeasedUntil" <= {nowTicks})
                ORDER BY "Id" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING "Id" AS "Value"
            """).ToListAsync(ct)).Cast<long?>().FirstOrDefault();
}
