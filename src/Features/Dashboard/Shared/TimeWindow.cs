namespace AdminPortal.Features.Dashboard.Shared;

/// <summary>The time filter of the dashboard's lists: a window ending now.</summary>
public enum TimeWindow
{
    Any,
    LastHour,
    Last24Hours,
    Last7Days,
    Last30Days,
}

public static class TimeWindows
{
    public static IReadOnlyList<TimeWindow> All { get; } = Enum.GetValues<TimeWindow>();

    /// <summary>The start of the window, or null for any time.</summary>
    public static DateTimeOffset? Since(this TimeWindow window, DateTimeOffset now) => window switch
    {
        TimeWindow.LastHour => now.AddHours(-1),
        TimeWindow.Last24Hours => now.AddHours(-24),
        TimeWindow.Last7Days => now.AddDays(-7),
        TimeWindow.Last30Days => now.AddDays(-30),
        _ => null,
    };

    public static string Label(this TimeWindow window) => window switch
    {
        TimeWindow.LastHour => "Last hour",
        TimeWindow.Last24Hours => "Last 24 hours",
        TimeWindow.Last7Days => "Last 7 days",
        TimeWindow.Last30Days => "Last 30 days",
        _ => "Any time",
    };
}
