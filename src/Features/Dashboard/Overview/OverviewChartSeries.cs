using AdminPortal.Features.Dashboard.Users;
using AdminPortal.Features.OAuth.Health;

namespace AdminPortal.Features.Dashboard.Overview;

/// <summary>The overview's query rows as the series its charts draw.</summary>
public static class OverviewChartSeries
{
    public static IReadOnlyList<HourlySeries> Traffic(OverviewCharts charts) =>
    [
        new("Trigger polls", [.. charts.Traffic.Select(h => (double?)h.Polls)]),
        new("Errors (4xx/5xx, any endpoint)", [.. charts.Traffic.Select(h => (double?)h.Errors)]),
    ];

    public static IReadOnlyList<HourlySeries> RealtimeLag(OverviewCharts charts) =>
    [
        new("Median (p50)", [.. charts.RealtimeLag.Select(h => h.P50Seconds)]),
        new("95th percentile (p95)", [.. charts.RealtimeLag.Select(h => h.P95Seconds)]),
    ];

    public static IReadOnlyList<HourlySeries> ActionOutcomes(OverviewCharts charts) =>
    [
        new("Success", [.. charts.ActionOutcomes.Select(h => (double?)h.Success)]),
        new("SKIP", [.. charts.ActionOutcomes.Select(h => (double?)h.Skip)]),
        new("Error", [.. charts.ActionOutcomes.Select(h => (double?)h.Error)]),
    ];

    /// <summary>The hours the token-health job recorded (others are left out, not drawn as zero users).</summary>
    public static IReadOnlyList<DateTimeOffset> TokenHealthHours(OverviewCharts charts) =>
        [.. charts.TokenHealth.Select(s => s.Hour).Distinct().Order()];

    /// <summary>One series per state, in the enum's order (healthy first, the states that need action after).</summary>
    public static IReadOnlyList<HourlySeries> TokenHealth(OverviewCharts charts)
    {
        var hours = TokenHealthHours(charts);
        var users = charts.TokenHealth.ToDictionary(s => (s.Hour, s.State), s => s.Users);
        return [.. Enum.GetValues<TokenHealthState>().Select(state => new HourlySeries(
            Capitalized(HealthChip.Label(state)), [.. hours.Select(h => (double?)users.GetValueOrDefault((h, state)))]))];
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
