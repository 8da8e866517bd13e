using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>
/// PostgreSQL's statements for the timeline store: JSON rows unpacked with <c>json_array_elements</c> and <c>-&gt;&gt;</c>,
/// cast to the columns' types; attributes (stored as JSON text) read with <c>::json -&gt;&gt; name</c>.
/// </summary>
public sealed class PostgresTimelineSql : ITimelineSql
{
    public async Task InsertEventsAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "TimelineEvents" ("Id", "UserId", "Trigger", "OccurredAt", "ReceivedAt", "SourceId", "Attributes", "Ingredients")
            SELECT r ->> 0, r ->> 1, r ->> 2, (r ->> 3)::bigint, (r ->> 4)::bigint, r ->> 5, r ->> 6, r ->> 7
            FROM json_array_elements({rows}::json) AS r
            """, ct);

    // In key order: consecutive rows land on neighbouring pages of the user-ordered key.
    public async Task InsertMatchKeysAsync(AppDbContext db, string rows, bool ignoreExisting, CancellationToken ct)
    {
        if (ignoreExisting)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "EventMatchKeys" ("UserId", "MatchKey", "OccurredAt", "EventId")
                SELECT r ->> 0, (r ->> 1)::bigint, (r ->> 2)::bigint, r ->> 3 FROM json_array_elements({rows}::json) AS r ORDER BY 1, 2, 3, 4
                ON CONFLICT DO NOTHING
                """, ct);
            return;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "EventMatchKeys" ("UserId", "MatchKey", "OccurredAt", "EventId")
            SELECT r ->> 0, (r ->> 1)::bigint, (r ->> 2)::bigint, r ->> 3 FROM json_array_elements({rows}::json) AS r ORDER BY 1, 2, 3, 4
            """, ct);
    }

    // Read committed lets two transactions both find a source id absent and both insert it (the unique index then fails
    // the second). Locking each triple first makes the second wait and then find the first one's row. In hash order,
    // so two batches sharing several source ids lock them in the same order and cannot deadlock.
    public async Task LockSourcesAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            SELECT pg_advisory_xact_lock({(int)PostgresAdvisoryLock.Space.IngestSource}, k)
            FROM (SELECT DISTINCT hashtext((r ->> 0) || chr(31) || (r ->> 1) || chr(31) || (r ->> 2)) AS k
                  FROM json_array_elements({rows}::json) AS r ORDER BY k) AS keys
            """, ct);

    public Task<List<StoredSource>> FindSourcesAsync(AppDbContext db, string rows, CancellationToken ct) =>
        db.Database.SqlQuery<StoredSource>($"""
            SELECT e."UserId", e."Trigger", e."SourceId", e."Id"
            FROM json_array_elements({rows}::json) AS p(r) JOIN "TimelineEvents" AS e
              ON e."UserId" = p.r ->> 0 AND e."Trigger" = p.r ->> 1 AND e."SourceId" = p.r ->> 2
            """).ToListAsync(ct);

    // The user's events are found through their whole-timeline match keys.
    public Task<List<string>> AttributeValuesAsync(AppDbContext db, string userId, string keys, string attribute, int max, CancellationToken ct) =>
        db.Database.SqlQuery<string>($"""
            SELECT DISTINCT e."Attributes"::json ->> {attribute} AS "Value"
            FROM "EventMatchKeys" AS k JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
            WHERE k."UserId" = {userId} AND k."MatchKey" IN (SELECT key::bigint FROM json_array_elements_text({keys}::json) AS key)
              AND e."Attributes"::json ->> {attribute} IS NOT NULL
            ORDER BY 1 LIMIT {max}
            """).ToListAsync(ct);

    public Task<bool> HasAttributeValueAsync(AppDbContext db, string userId, string keys, string attribute, string value, CancellationToken ct) =>
        db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value"
            FROM "EventMatchKeys" AS k JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
            WHERE k."UserId" = {userId} AND k."MatchKey" IN (SELECT key::bigint FROM json_array_elements_text({keys}::json) AS key)
              AND e."Attributes"::json ->> {attribute} = {value}
            LIMIT 1
            """).AnyAsync(ct);
}
