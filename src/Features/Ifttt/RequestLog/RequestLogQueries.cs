using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.RequestLog;

/// <summary>One hour (its start, UTC): trigger polls, and IFTTT requests of any endpoint answered 4xx/5xx.</summary>
public sealed record HourlyTraffic(DateTimeOffset Hour, int Polls, int Errors);

/// <summary>The request log's own reads for other features (the dashboard), beside its mapping and writer.</summary>
public static class RequestLogQueries
{
    /// <summary>IFTTT's endpoint tests call it first; it is test traffic whatever its headers.</summary>
    public const string TestSetupEndpoint = "test/setup";

    /// <summary>
    /// Trigger polls (POST triggers/{slug}, not their field endpoints) and errors per hour over the window, grouped in
    /// SQL over the At index range: one row per hour back whatever the traffic. IFTTT's test traffic is left out as
    /// the overview's figures leave it out. Portable SQL (SQLite and PostgreSQL alike).
    /// </summary>
    public static async Task<IReadOnlyList<HourlyTraffic>> TrafficPerHourAsync(AppDbContext db, HourWindow window, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<HourCounts>($"""
            SELECT "At" / {HourWindow.HourMs} AS "Hour",
                   CAST(SUM(CASE WHEN "Method" = 'POST' AND "Endpoint" LIKE 'triggers/%' AND "Endpoint" NOT LIKE 'triggers/%/%' THEN 1 ELSE 0 END) AS INTEGER) AS "Polls",
                   CAST(SUM(CASE WHEN "Status" >= 400 THEN 1 ELSE 0 END) AS INTEGER) AS "Errors"
            FROM "IftttRequestLog"
            WHERE "At" >= {window.FirstUnixMs} AND NOT "TestMode" AND "Endpoint" <> {TestSetupEndpoint}
              AND ("UserId" IS NULL OR "UserId" NOT IN (SELECT "Id" FROM "AspNetUsers" WHERE "IsTestUser"))
            GROUP BY 1
            """).ToListAsync(ct);
        return window.Fill(rows.Select(r => new HourlyTraffic(HourWindow.FromUnixMsHour(r.Hour), r.Polls, r.Errors)), r => r.Hour, h => new HourlyTraffic(h, 0, 0));
    }

    private sealed record HourCounts(long Hour, int Polls, int Errors);
}
