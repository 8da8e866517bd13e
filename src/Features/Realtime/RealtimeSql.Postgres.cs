using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Realtime;

/// <summary>PostgreSQL's statements for the realtime store: ids unpacked with <c>json_array_elements_text</c>.</summary>
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
}
