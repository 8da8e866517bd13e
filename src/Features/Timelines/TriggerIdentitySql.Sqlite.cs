using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>SQLite's statements for the trigger-identity store: JSON rows unpacked with <c>json_each</c>.</summary>
public sealed class SqliteTriggerIdentitySql : ITriggerIdentitySql
{
    // ORDER BY key keeps arrival order (a repeated identity is applied row after row); "WHERE true" lets SQLite
    // parse ON CONFLICT after a SELECT.
    public async Task UpsertPolledAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "TriggerIdentities" ("UserId", "Id", "Trigger", "Fields", "MatchKey", "FirstSeenAt", "LastPolledAt", "PollCount", "RealtimePollCount", "TestMode", "EndedAt")
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 5, 1, value ->> 6, value ->> 7, NULL
            FROM json_each({rows}) WHERE true ORDER BY key
            ON CONFLICT ("UserId", "Id") DO UPDATE SET
                "Trigger" = excluded."Trigger", "Fields" = excluded."Fields", "MatchKey" = excluded."MatchKey",
                "LastPolledAt" = max("LastPolledAt", excluded."LastPolledAt"),
                "PollCount" = "PollCount" + 1,
                "RealtimePollCount" = "RealtimePollCount" + excluded."RealtimePollCount",
                "TestMode" = "TestMode" OR excluded."TestMode",
                "EndedAt" = NULL
            """, ct);

    public async Task EndAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "TriggerIdentities" SET "EndedAt" = p.value ->> 2
            FROM json_each({rows}) AS p
            WHERE "TriggerIdentities"."UserId" = p.value ->> 0 AND "TriggerIdentities"."Id" = p.value ->> 1 AND "TriggerIdentities"."EndedAt" IS NULL
            """, ct);

    // Each pair is an index lookup on (UserId, MatchKey).
    public Task<List<string>> ActiveIdsAsync(AppDbContext db, string rows, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT t."Id" AS "Value" FROM json_each({rows}) AS p
            JOIN "TriggerIdentities" AS t ON t."UserId" = p.value ->> 0 AND t."MatchKey" = p.value ->> 1
            WHERE t."EndedAt" IS NULL AND NOT t."TestMode"
            """).ToListAsync(ct);
}
