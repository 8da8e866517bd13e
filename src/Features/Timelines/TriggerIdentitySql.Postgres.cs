using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>PostgreSQL's statements for the trigger-identity store: JSON rows unpacked with <c>json_array_elements</c>.</summary>
public sealed class PostgresTriggerIdentitySql : ITriggerIdentitySql
{
    // PostgreSQL refuses an ON CONFLICT DO UPDATE that touches one row twice, so a repeated identity is folded first
    // into what SQLite's row-after-row upsert ends with: the last row's trigger, fields and key, the first row's time
    // as first seen, the latest as last polled, one poll per row. Inserted in key order (as the index is).
    public async Task UpsertPolledAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            WITH polled AS (
                SELECT r ->> 0 AS user_id, r ->> 1 AS id, r ->> 2 AS trigger, r ->> 3 AS fields, (r ->> 4)::bigint AS match_key,
                       (r ->> 5)::bigint AS at, (r ->> 6)::bigint AS realtime, (r ->> 7)::integer <> 0 AS test_mode, n
                FROM json_array_elements({rows}::json) WITH ORDINALITY AS p(r, n)
            ), folded AS (
                SELECT user_id, id,
                       (array_agg(trigger ORDER BY n DESC))[1] AS trigger, (array_agg(fields ORDER BY n DESC))[1] AS fields,
                       (array_agg(match_key ORDER BY n DESC))[1] AS match_key, (array_agg(at ORDER BY n))[1] AS first_at,
                       max(at) AS last_at, count(*) AS polls, sum(realtime) AS realtime, bool_or(test_mode) AS test_mode
                FROM polled GROUP BY user_id, id
            )
            INSERT INTO "TriggerIdentities" AS t ("UserId", "Id", "Trigger", "Fields", "MatchKey", "FirstSeenAt", "LastPolledAt", "PollCount", "RealtimePollCount", "TestMode", "EndedAt")
            SELECT user_id, id, trigger, fields, match_key, first_at, last_at, polls, realtime, test_mode, NULL FROM folded ORDER BY user_id, id
            ON CONFLICT ("UserId", "Id") DO UPDATE SET
                "Trigger" = excluded."Trigger", "Fields" = excluded."Fields", "MatchKey" = excluded."MatchKey",
                "LastPolledAt" = GREATEST(t."LastPolledAt", excluded."LastPolledAt"),
                "PollCount" = t."PollCount" + excluded."PollCount",
                "RealtimePollCount" = t."RealtimePollCount" + excluded."RealtimePollCount",
                "TestMode" = t."TestMode" OR excluded."TestMode",
                "EndedAt" = NULL
            """, ct);

    public async Task EndAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            UPDATE "TriggerIdentities" AS t SET "EndedAt" = (p.r ->> 2)::bigint
            FROM json_array_elements({rows}::json) AS p(r)
            WHERE t."UserId" = p.r ->> 0 AND t."Id" = p.r ->> 1 AND t."EndedAt" IS NULL
            """, ct);

    // Each pair is an index lookup on (UserId, MatchKey).
    public Task<List<string>> ActiveIdsAsync(AppDbContext db, string rows, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT t."Id" AS "Value" FROM json_array_elements({rows}::json) AS p(r)
            JOIN "TriggerIdentities" AS t ON t."UserId" = p.r ->> 0 AND t."MatchKey" = (p.r ->> 1)::bigint
            WHERE t."EndedAt" IS NULL AND NOT t."TestMode"
            """).ToListAsync(ct);
}
