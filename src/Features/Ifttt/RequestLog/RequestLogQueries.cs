using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>Polls in one hour (its start, UTC).</summary>
public sealed record HourlyPolls(DateTimeOffset Hour, int Polls);

/// <summary>The request log's own reads for other features (the dashboard), beside its mapping and writer.</summary>
public static class RequestLogQueries
{
    /// <summary>IFTTT's endpoint tests call it first; it is test traffic whatever its headers.</summary>
    public const string TestSetupEndpoint = "test/setup";

    /// <summary>
    /// Trigger polls (POST triggers/{slug}, not their field endpoints) per hour for the last 24 hours, grouped in SQL
    /// over the At index range: 24 rows back whatever the traffic. Portable SQL (SQLite and PostgreSQL alike).
    /// </summary>
    public static async Task<IReadOnlyList<HourlyPolls>> PollsPerHourAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        const long hourMs = 3_600_000;
        var currentHour = now.ToUnixTimeMilliseconds() / hourMs;
        var from = (currentHour - 23) * hourMs;
        var rows = await db.Database.SqlQuery<HourCount>($"""
            SELECT "At" / {hourMs} AS "Hour", CAST(COUNT(*) AS INTEGER) AS "Count" FROM "IftttRequestLog"
            WHERE "At" >= {from} AND "Method" = 'POST' AND "Endpoint" LIKE 'triggers/%' AND "Endpoint" NOT LIKE 'triggers/%/%' AND NOT "TestMode"
              AND ("UserId" IS NULL OR "UserId" NOT IN (SELECT "Id" FROM "AspNetUsers" WHERE "IsTestUser"))
            GROUP BY 1
            """).ToListAsync(ct);
        var counts = rows.ToDictionary(r => r.Hour, r => r.Count);
        return [.. Enumerable.Range(0, 24).Select(i => currentHour - 23 + i)
            .Select(h => new HourlyPolls(DateTimeOffset.FromUnixTimeMilliseconds(h * hourMs), counts.GetValueOrDefault(h)))];
    }

    private sealed record HourCount(long Hour, int Count);
}
