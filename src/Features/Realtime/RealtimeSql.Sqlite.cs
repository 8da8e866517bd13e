using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Realtime;

/// <summary>SQLite's statements for the realtime store: ids unpacked with <c>json_each</c>.</summary>
public sealed class SqliteRealtimeSql : IRealtimeSql
{
    public async Task InsertEventNotificationsAsync(AppDbContext db, string identityIds, long createdAtTicks, int pendingState, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RealtimeNotifications" ("TriggerIdentity", "UserId", "CreatedAt", "State", "BatchId", "Reason")
            SELECT value, NULL, {createdAtTicks}, {pendingState}, NULL, 'event' FROM json_each({identityIds})
            """, ct);

    // "WHERE true" lets SQLite parse ON CONFLICT after a SELECT.
    public async Task RecordNudgesAsync(AppDbContext db, string identityIds, long atTicks, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "RealtimeIdentityNudges" ("TriggerIdentity", "LastNudgedAt")
            SELECT value, {atTicks} FROM json_each({identityIds}) WHERE true
            ON CONFLICT ("TriggerIdentity") DO UPDATE SET "LastNudgedAt" = excluded."LastNudgedAt"
            """, ct);

    public bool ClaimsWithRowLocks => false;

    public Task<List<PendingNotification>> ClaimPendingAsync(AppDbContext db, int max, CancellationToken ct) =>
        db.Database.SqlQuery<PendingNotification>($"""
            SELECT "Id", "TriggerIdentity", "UserId" FROM "RealtimeNotifications"
            WHERE "State" = {(int)NotificationState.Pending} ORDER BY "Id" LIMIT {max}
            """).ToListAsync(ct);

    public async Task<long?> ClaimDueBatchAsync(AppDbContext db, string owner, long nowTicks, long leaseUntilTicks, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"""
            SELECT "Id" AS "Value" FROM "RealtimeBatches"
            WHERE "State" = {(int)BatchState.Pending} AND "NextAttemptAt" <= {nowTicks} ORDER BY "Id" LIMIT 1
            """).ToListAsync(ct)).Cast<long?>().FirstOrDefault();
}
