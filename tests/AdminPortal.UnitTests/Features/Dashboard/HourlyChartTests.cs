using AdminPortal.Components.Shared;
using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Overview;
using AdminPortal.Features.Ifttt.Actions;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Realtime;
using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminPortal.UnitTests.Features.Dashboard;

/// <summary>The overview's chart over the shapes its queries return: a window of whole hours, in the admin's zone.</summary>
public sealed class HourlyChartTests : AdminBunitContext
{
    // Friday 4 December 2026, 09:30 UTC: the 24-hour window's hours start at 10:00 UTC the day before.
    private static readonly HourWindow Day = HourWindow.Ending(new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.Zero), 24);
    private static readonly AdminTimeZone Berlin = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));

    [Fact]
    public void Traffic_LabelsInTheAdminsZone_SeriesValuesLegendAxisTitlesAndATable()
    {
        var charts = Charts(Day, traffic: hour => hour == 3 ? (7, 2) : hour == 23 ? (1, 0) : (0, 0));

        var chart = RenderChart(charts, OverviewChartSeries.Traffic(charts), Berlin);

        var mud = chart.FindComponent<MudChart<double>>().Instance;
        // 24 hours, about eight labels: every third, in Berlin time (UTC+1 in December).
        Assert.Equal(24, mud.ChartLabels.Length);
        Assert.Equal("11:00", mud.ChartLabels[0]);
        Assert.Equal("", mud.ChartLabels[1]);
        Assert.Equal("14:00", mud.ChartLabels[3]);
        Assert.Equal(["Trigger polls", "Errors (4xx/5xx, any endpoint)"], mud.ChartSeries.Select(s => s.Name));
        Assert.Equal(7, mud.ChartSeries[0].Data.Values[3]);
        Assert.Equal(2, mud.ChartSeries[1].Data.Values[3]);
        Assert.Equal(1, mud.ChartSeries[0].Data.Values[23]);
        Assert.Equal(0, mud.ChartSeries[0].Data.Values[0]);
        var options = Assert.IsType<LineChartOptions>(mud.ChartOptions);
        Assert.Equal("Hour starting (Europe/Berlin)", chart.Find("[data-testid=chart-x-axis]").TextContent);
        Assert.Equal("Requests per hour", options.YAxisTitle);
        Assert.Equal(2, options.YAxisTicks); // up to 7: ticks 0, 2, 4, 6, 8
        Assert.True(options.ShowLegend);
        Assert.Equal("Polls", chart.Find("h2").TextContent);

        Assert.Equal("Trigger polls: 8 in total, most in the hour from 14:00 (7). Errors (4xx/5xx, any endpoint): 2 in total, most in the hour from 14:00 (2).",
            chart.Find("[data-testid=chart-summary]").TextContent);
        var rows = chart.FindAll("[data-testid=chart-table] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).ToList();
        Assert.Equal(["14:00|7|2", "10:00|1|0"], rows);
        Assert.Equal("Hour starting (Europe/Berlin)", chart.Find("[data-testid=chart-table] thead th").TextContent);
        Assert.Equal("true", chart.Find("div[aria-hidden]").GetAttribute("aria-hidden"));
    }

    [Fact]
    public void SevenDays_LabelsOncePerDayWithTheWeekday_TableNamesTheDay()
    {
        var week = HourWindow.Ending(new DateTimeOffset(2026, 12, 4, 9, 30, 0, TimeSpan.Zero), 168);
        var charts = Charts(week, traffic: hour => hour == 0 ? (5, 0) : (0, 0));

        var chart = RenderChart(charts, OverviewChartSeries.Traffic(charts), AdminTimeZone.Utc);

        var labels = chart.FindComponent<MudChart<double>>().Instance.ChartLabels;
        Assert.Equal(168, labels.Length);
        Assert.Equal(7, labels.Count(l => l.Length > 0));
        Assert.Equal("Fri 10:00", labels[0]); // 27 November 2026, 10:00 UTC
        Assert.Equal("Sat 10:00", labels[24]);
        Assert.Equal("Fri 27 Nov 10:00|5|0", string.Join("|", chart.Find("[data-testid=chart-table] tbody tr").Children.Select(c => c.TextContent)));
    }

    [Fact]
    public void RealtimeLag_HighestPercentilesInSeconds_HoursWithoutNudgesAreDashes()
    {
        var lag = Day.Starts.Select((h, i) => i == 5 ? new HourlyLag(h, 40, 1.25, 9.5) : new HourlyLag(h, 0, null, null)).ToList();
        var charts = new OverviewCharts(Day, [], lag, [], []);

        var chart = RenderChart(charts, OverviewChartSeries.RealtimeLag(charts), AdminTimeZone.Utc, totals: false, format: "0.0", unit: "s");

        var mud = chart.FindComponent<MudChart<double>>().Instance;
        Assert.Equal([0, 0, 0, 0, 0, 1.25], mud.ChartSeries[0].Data.Values.Take(6));
        Assert.Equal(9.5, mud.ChartSeries[1].Data.Values[5]);
        Assert.Equal(2, Assert.IsType<LineChartOptions>(mud.ChartOptions).YAxisTicks);
        Assert.Equal("Median (p50): highest 1.3 s, in the hour from 15:00. 95th percentile (p95): highest 9.5 s, in the hour from 15:00.",
            chart.Find("[data-testid=chart-summary]").TextContent);
        Assert.Equal("15:00|1.3 s|9.5 s", string.Join("|", Assert.Single(chart.FindAll("[data-testid=chart-table] tbody tr")).Children.Select(c => c.TextContent)));
    }

    [Fact]
    public void ActionOutcomes_StackedSuccessSkipError()
    {
        var outcomes = Day.Starts.Select((h, i) => i == 23 ? new HourlyOutcomes(h, 4, 1, 2) : new HourlyOutcomes(h, 0, 0, 0)).ToList();
        var charts = new OverviewCharts(Day, [], [], outcomes, []);

        var chart = RenderChart(charts, OverviewChartSeries.ActionOutcomes(charts), AdminTimeZone.Utc, ChartType.StackedBar);

        var mud = chart.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(ChartType.StackedBar, mud.ChartType);
        Assert.Equal(2, Assert.IsType<StackedBarChartOptions>(mud.ChartOptions).YAxisTicks); // the stack reaches 7
        Assert.Equal(["Success", "SKIP", "Error"], mud.ChartSeries.Select(s => s.Name));
        Assert.Equal([4.0, 1, 2], mud.ChartSeries.Select(s => s.Data.Values[23]));
        Assert.Contains("SKIP: 1 in total", chart.Find("[data-testid=chart-summary]").TextContent);
    }

    [Fact]
    public void TokenHealth_OnlyTheRecordedHours_OneSeriesPerStateZerosIncluded()
    {
        var first = Day.First.AddHours(2);
        var snapshots = new[] { first, first.AddHours(5) }.SelectMany(hour => Enum.GetValues<TokenHealthState>()
            .Select(state => new TokenHealthSnapshot { Hour = hour, State = state, Users = state == TokenHealthState.Healthy ? 3 : state == TokenHealthState.Failing && hour > first ? 1 : 0 }))
            .ToList();
        var charts = new OverviewCharts(Day, [], [], [], snapshots);

        var chart = Render(OverviewChartSeries.TokenHealthHours(charts), OverviewChartSeries.TokenHealth(charts), AdminTimeZone.Utc, ChartType.StackedBar, totals: false);

        var mud = chart.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(["12:00", "17:00"], mud.ChartLabels);
        Assert.Equal(["Healthy", "Failing", "Likely disabled", "Disconnected", "Product link broken"], mud.ChartSeries.Select(s => s.Name));
        Assert.Equal([3.0, 3], mud.ChartSeries[0].Data.Values);
        Assert.Equal([0.0, 1], mud.ChartSeries[1].Data.Values);
        Assert.Contains("Failing: highest 1, in the hour from 17:00.", chart.Find("[data-testid=chart-summary]").TextContent);
        Assert.Contains("Likely disabled: none.", chart.Find("[data-testid=chart-summary]").TextContent);
    }

    [Fact]
    public void NoData_EmptySentenceAndNoChart()
    {
        var charts = Charts(Day, traffic: _ => (0, 0));

        var chart = RenderChart(charts, OverviewChartSeries.Traffic(charts), AdminTimeZone.Utc);

        Assert.Contains("Nothing in this window.", chart.Find("[data-testid=empty-state]").TextContent);
        Assert.Empty(chart.FindComponents<MudChart<double>>());
        Assert.Empty(chart.FindAll("[data-testid=chart-table]"));
        Assert.Equal("Polls", chart.Find("h2").TextContent);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(5, 1)]
    [InlineData(7, 2)]
    [InlineData(30, 10)]
    [InlineData(120, 50)]
    [InlineData(4000, 1000)]
    public void YAxisStep_AboutFiveTicksOfOneTwoOrFiveTimesAPowerOfTen(double highest, int step) =>
        Assert.Equal(step, HourlyChartText.YAxisStep([new HourlySeries("a", [0, highest, null])], stacked: false));

    [Fact]
    public void YAxisStep_Stacked_FitsTheTallestBarsSum() =>
        Assert.Equal(5, HourlyChartText.YAxisStep([new HourlySeries("a", [10, 1]), new HourlySeries("b", [10, 1])], stacked: true));

    private static OverviewCharts Charts(HourWindow window, Func<int, (int Polls, int Errors)> traffic) =>
        new(window, [.. window.Starts.Select((h, i) => new HourlyTraffic(h, traffic(i).Polls, traffic(i).Errors))], [], [], []);

    private IRenderedComponent<HourlyChart> RenderChart(OverviewCharts charts, IReadOnlyList<HourlySeries> series, AdminTimeZone zone,
        ChartType type = ChartType.Line, bool totals = true, string format = "N0", string? unit = null) =>
        Render([.. charts.Window.Starts], series, zone, type, totals, format, unit);

    private IRenderedComponent<HourlyChart> Render(IReadOnlyList<DateTimeOffset> hours, IReadOnlyList<HourlySeries> series, AdminTimeZone zone,
        ChartType type = ChartType.Line, bool totals = true, string format = "N0", string? unit = null)
    {
        var host = Render<CascadingValue<AdminTimeZone>>(p => p.Add(c => c.Value, zone).AddChildContent<HourlyChart>(chart => chart
            .Add(c => c.Title, "Polls").Add(c => c.TestId, "chart").Add(c => c.YAxisTitle, "Requests per hour")
            .Add(c => c.Hours, hours).Add(c => c.Series, series).Add(c => c.ChartType, type).Add(c => c.Totals, totals)
            .Add(c => c.Format, format).Add(c => c.Unit, unit).Add(c => c.EmptyText, "Nothing in this window.")));
        return host.FindComponent<HourlyChart>();
    }
}
