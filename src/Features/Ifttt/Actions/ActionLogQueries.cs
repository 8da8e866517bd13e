using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.Actions;

/// <summary>Action runs finished in one hour (its start, UTC), by outcome.</summary>
public sealed record HourlyOutcomes(DateTimeOffset Hour, int Success, int Skip, int Error);

/// <summary>The action log's own reads for other features (the dashboard), beside its mapping.</summary>
public static class ActionLogQueries
{
    /// <summary>
    /// Runs per hour and outcome over the window (by when IFTTT asked: the CreatedAt index range), grouped in portable
    /// SQL; runs still pending and IFTTT's test users are left out.
    /// </summary>
    public static async Task<IReadOnlyList<HourlyOutcomes>> OutcomesPerHourAsync(AppDbContext db, HourWindow window, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<OutcomeCounts>($"""
            SELECT "CreatedAt" / {HourWindow.HourMs} AS "Hour",
                   CAST(SUM(CASE WHEN "Outcome" = {ActionOutcomes.Success} THEN 1 ELSE 0 END) AS INTEGER) AS "Success",
                   CAST(SUM(CASE WHEN "Outcome" = {ActionOutcomes.Skip} THEN 1 ELSE 0 END) AS INTEGER) AS "Skip",
                   CAST(SUM(CASE WHEN "Outcome" = {ActionOutcomes.Error} THEN 1 ELSE 0 END) AS INTEGER) AS "Error"
            FROM "IftttActionLog"
            WHERE "CreatedAt" >= {window.FirstUnixMs} AND "Outcome" <> {ActionOutcomes.Pending}
              AND "UserId" NOT IN (SELECT "Id" FROM "AspNetUsers" WHERE "IsTestUser")
            GROUP BY 1
            """).ToListAsync(ct);
        return window.Fill(rows.Select(r => new HourlyOutcomes(HourWindow.FromUnixMsHour(r.Hour), r.Success, r.Skip, r.Error)), r => r.Hour,
            h => new HourlyOutcomes(h, 0, 0, 0));
    }

    private sealed record OutcomeCounts(long Hour, int Success, int Skip, int Error);
}
