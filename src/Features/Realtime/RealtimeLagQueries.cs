using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// Nudges IFTTT accepted in one hour (its start, UTC) and how long they waited from ingest (the outbox row, written in
/// the event's transaction) to the accepted call: the median and the 95th percentile, in seconds.
/// </summary>
public sealed record HourlyLag(DateTimeOffset Hour, int Nudges, double? P50Seconds, double? P95Seconds);

/// <summary>The realtime tables' read for the dashboard's lag chart (a new read beside the mapping; nothing here writes).</summary>
public static class RealtimeLagQueries
{
    /// <summary>
    /// Per hour over the window: successful calls by the At index range, their notifications by the BatchId index,
    /// event-caused nudges only (an admin's nudge has no ingest to wait for). The percentiles are nearest-rank, from
    /// window functions both SQLite (3.25+) and PostgreSQL have, so the rows never leave the database.
    /// </summary>
    public static async Task<IReadOnlyList<HourlyLag>> LagPerHourAsync(AppDbContext db, HourWindow window, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<LagRow>($"""
            WITH "Lags" AS (
                SELECT c."At" / {HourWindow.HourTicks} AS "Hour", c."At" - n."CreatedAt" AS "Lag"
                FROM "RealtimeCalls" c JOIN "RealtimeNotifications" n ON n."BatchId" = c."BatchId"
                WHERE c."At" >= {window.FirstTicks} AND c."Succeeded" AND n."Reason" = 'event'),
            "Ranked" AS (
                SELECT "Hour", "Lag", ROW_NUMBER() OVER (PARTITION BY "Hour" ORDER BY "Lag") AS "Rank", COUNT(*) OVER (PARTITION BY "Hour") AS "Total"
                FROM "Lags")
            SELECT "Hour", CAST(MAX("Total") AS INTEGER) AS "Nudges",
                   MIN(CASE WHEN "Rank" * 100 >= "Total" * 50 THEN "Lag" END) AS "P50",
                   MIN(CASE WHEN "Rank" * 100 >= "Total" * 95 THEN "Lag" END) AS "P95"
            FROM "Ranked" GROUP BY "Hour"
            """).ToListAsync(ct);
        return window.Fill(rows.Select(r => new HourlyLag(HourWindow.FromTicksHour(r.Hour), r.Nudges, Seconds(r.P50), Seconds(r.P95))), r => r.Hour,
            h => new HourlyLag(h, 0, null, null));
    }

    private static double? Seconds(long? ticks) => ticks is { } t ? (double)t / TimeSpan.TicksPerSecond : null;

    private sealed record LagRow(long Hour, int Nudges, long? P50, long? P95);
}
