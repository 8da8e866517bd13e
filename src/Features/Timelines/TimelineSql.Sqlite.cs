using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>SQLite's statements for the timeline store: JSON rows unpacked with <c>json_each</c> and <c>-&gt;&gt;</c>.</summary>
public sealed class SqliteTimelineSql : ITimelineSql
{
    public async Task InsertEventsAsync(AppDbContext db, string rows, CancellationToken ct) =>
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "TimelineEvents" ("Id", "UserId", "Trigger", "OccurredAt", "ReceivedAt", "SourceId", "Attributes", "Ingredients")
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7 FROM json_each({rows})
            """, ct);

    public async Task InsertMatchKeysAsync(AppDbContext db, string rows, bool ignoreExisting, CancellationToken ct)
    {
        // In key order: consecutive rows land on neighbouring pages of the user-ordered key.
        if (ignoreExisting)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT OR IGNORE INTO "EventMatchKeys" ("UserId", "MatchKey", "OccurredAt", "EventId")
                SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each({rows}) ORDER BY 1, 2, 3, 4
                """, ct);
            return;
        }
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "EventMatchKeys" ("UserId", "MatchKey", "OccurredAt", "EventId")
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each({rows}) ORDER BY 1, 2, 3, 4
            """, ct);
    }

    // Microsoft.Data.Sqlite begins IMMEDIATE: the caller's transaction holds the database's one write lock already.
    public Task LockSourcesAsync(AppDbContext db, string rows, CancellationToken ct) => Task.CompletedTask;

    // CROSS JOIN keeps the batch as the outer loop, so each triple is a lookup in the unique source-id index.
    public Task<List<StoredSource>> FindSourcesAsync(AppDbContext db, string rows, CancellationToken ct) =>
        db.Database.SqlQuery<StoredSource>($"""
            SELECT e."UserId", e."Trigger", e."SourceId", e."Id"
            FROM json_each({rows}) AS p CROSS JOIN "TimelineEvents" AS e
            WHERE e."UserId" = p.value ->> 0 AND e."Trigger" = p.value ->> 1 AND e."SourceId" = p.value ->> 2
            """).ToListAsync(ct);

    // The user's events are found through their whole-timeline match keys (CROSS JOIN keeps that index as the outer loop).
    public Task<List<string>> AttributeValuesAsync(AppDbContext db, string userId, string keys, string attribute, int max, CancellationToken ct)
    {
        var path = JsonPath(attribute);
        return db.Database.SqlQuery<string>($"""
            SELECT DISTINCT json_extract(e."Attributes", {path}) AS "Value"
            FROM "EventMatchKeys" AS k CROSS JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
            WHERE k."UserId" = {userId} AND k."MatchKey" IN (SELECT value FROM json_each({keys}))
              AND json_extract(e."Attributes", {path}) IS NOT NULL
            ORDER BY 1 LIMIT {max}
            """).ToListAsync(ct);
    }

    public Task<bool> HasAttributeValueAsync(AppDbContext db, string userId, string keys, string attribute, string value, CancellationToken ct)
    {
        var path = JsonPath(attribute);
        return db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value"
            FROM "EventMatchKeys" AS k CROSS JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
            WHERE k."UserId" = {userId} AND k."MatchKey" IN (SELECT value FROM json_each({keys}))
              AND json_extract(e."Attributes", {path}) = {value}
            LIMIT 1
            """).AnyAsync(ct);
    }

    /// <summary>A JSON path naming the member literally, whatever characters the attribute name has.</summary>
    private static string JsonPath(string attribute) => "$.\"" + attribute.Replace("\"", "\\\"") + "\"";
}
