using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Realtime;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Dashboard.Overview;

/// <summary>The overview's charts over one window of whole hours ending with the current one.</summary>
public sealed record OverviewCharts(
    HourWindow Window,
    IReadOnlyList<HourlyTraffic> Traffic,
    IReadOnlyList<HourlyLag> RealtimeLag,
    IReadOnlyList<HourlyOutcomes> ActionOutcomes,
    IReadOnlyList<TokenHealthSnapshot> TokenHealth);

/// <summary>
/// Reads the charts. Each is one grouped statement in its table's owner over an index range of at most
/// <see cref="MaxHours"/> hours, so a chart costs the window's rows, not the table's.
/// </summary>
public sealed class OverviewChartQueries(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const int DayHours = 24;
    public const int MaxHours = 7 * DayHours;

    public async Task<OverviewCharts> LoadAsync(int hours, CancellationToken ct = default)
    {
        var window = HourWindow.Ending(clock.GetUtcNow(), Math.Clamp(hours, 1, MaxHours));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return new OverviewCharts(
            window,
            await RequestLogQueries.TrafficPerHourAsync(db, window, ct),
            await RealtimeLagQueries.LagPerHourAsync(db, window, ct),
            await ActionLogQueries.OutcomesPerHourAsync(db, window, ct),
            await TokenHealthHistory.ReadAsync(db, window, ct));
    }
}
