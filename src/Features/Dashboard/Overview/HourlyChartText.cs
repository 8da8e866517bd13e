using System.Globalization;
using AdminPortal.Components.Shared;

namespace AdminPortal.Features.Dashboard.Overview;

/// <summary>The words and labels an <see cref="HourlyChart"/> shows, kept out of the markup so they can be read and tested as text.</summary>
public static class HourlyChartText
{
    /// <summary>One label a day over a week, about eight over fewer hours, so they never collide.</summary>
    public static string[] Labels(IReadOnlyList<DateTimeOffset> hours, AdminTimeZone zone)
    {
        var step = hours.Count > 48 ? 24 : Math.Max(1, (int)Math.Ceiling(hours.Count / 8.0));
        var format = SpansDays(hours) ? "ddd HH:mm" : "HH:mm";
        return [.. hours.Select((h, i) => i % step == 0 ? zone.Format(h, format) : "")];
    }

    /// <summary>An hour as a table row or the summary names it: the day as well once the chart spans days.</summary>
    public static string HourName(DateTimeOffset hour, IReadOnlyList<DateTimeOffset> hours, AdminTimeZone zone) =>
        zone.Format(hour, SpansDays(hours) ? "ddd d MMM HH:mm" : "HH:mm");

    /// <summary>
    /// The vertical axis's spacing: 1, 2 or 5 times a power of ten giving about five ticks up to the highest value
    /// (the sum of a bar's series when stacked), instead of the chart's fixed default that flattens small counts.
    /// Whole numbers only (MudChart's ticks are integers), so at least 1.
    /// </summary>
    public static int YAxisStep(IReadOnlyList<HourlySeries> series, bool stacked)
    {
        var hours = series.Count == 0 ? 0 : series.Max(s => s.Values.Count);
        var max = Enumerable.Range(0, hours).Select(i => stacked
            ? series.Sum(s => i < s.Values.Count ? s.Values[i] ?? 0 : 0)
            : series.Max(s => i < s.Values.Count ? s.Values[i] ?? 0 : 0)).DefaultIfEmpty(0).Max();
        if (max <= 5)
        {
            return 1;
        }
        var rough = max / 5;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return Math.Max(1, (int)new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= rough));
    }

    public static string Value(double? value, string format, string? unit) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + (unit is null ? "" : " " + unit) : "—";

    /// <summary>
    /// The chart in a sentence per series: its total (for counts) or its highest value, and the hour of the highest,
    /// for readers who do not see the drawing.
    /// </summary>
    public static string Summary(IReadOnlyList<DateTimeOffset> hours, IReadOnlyList<HourlySeries> series, bool totals, string format, string? unit, AdminTimeZone zone) =>
        string.Join(" ", series.Select(s =>
        {
            var peak = s.Values.Select((v, i) => (Value: v, Index: i)).Where(p => p.Value is not null).MaxBy(p => p.Value);
            if (peak.Value is not { } max || max == 0)
            {
                return $"{s.Name}: none.";
            }
            var at = HourName(hours[peak.Index], hours, zone);
            return totals
                ? $"{s.Name}: {Value(s.Values.Sum(v => v ?? 0), format, unit)} in total, most in the hour from {at} ({Value(max, format, unit)})."
                : $"{s.Name}: highest {Value(max, format, unit)}, in the hour from {at}.";
        }));

    private static bool SpansDays(IReadOnlyList<DateTimeOffset> hours) => hours.Count > 1 && hours[^1] - hours[0] > TimeSpan.FromHours(36);
}
