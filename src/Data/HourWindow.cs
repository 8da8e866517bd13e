namespace AdminPortal.Data;

/// <summary>
/// Whole UTC hours ending with the current one: the buckets the dashboard's charts group by in SQL. An hour is
/// numbered by integer division of the stored instant (Unix milliseconds or UTC ticks) by the hour's length, so the
/// grouping is plain portable SQL, and a missing hour is filled with zeros here rather than by the database.
/// </summary>
public sealed record HourWindow(DateTimeOffset First, int Hours)
{
    public const long HourMs = 3_600_000;
    public const long HourTicks = TimeSpan.TicksPerHour;

    public static HourWindow Ending(DateTimeOffset now, int hours)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hours, 1);
        var currentHour = new DateTimeOffset(now.UtcTicks - now.UtcTicks % HourTicks, TimeSpan.Zero);
        return new HourWindow(currentHour.AddHours(1 - hours), hours);
    }

    /// <summary>The first bucket's start in the storage form of <c>UnixMillisecondsConverter</c>.</summary>
    public long FirstUnixMs => First.ToUnixTimeMilliseconds();

    /// <summary>The first bucket's start in the storage form of <c>UtcTicksConverter</c>.</summary>
    public long FirstTicks => First.UtcTicks;

    public IEnumerable<DateTimeOffset> Starts => Enumerable.Range(0, Hours).Select(i => First.AddHours(i));

    public static DateTimeOffset FromUnixMsHour(long hour) => DateTimeOffset.FromUnixTimeMilliseconds(hour * HourMs);

    public static DateTimeOffset FromTicksHour(long hour) => new(hour * HourTicks, TimeSpan.Zero);

    /// <summary>One value per hour of the window, in order; hours the query returned nothing for get <paramref name="empty"/>.</summary>
    public IReadOnlyList<T> Fill<T>(IEnumerable<T> rows, Func<T, DateTimeOffset> hourOf, Func<DateTimeOffset, T> empty)
    {
        var byHour = rows.ToDictionary(hourOf);
        return [.. Starts.Select(hour => byHour.TryGetValue(hour, out var row) ? row : empty(hour))];
    }
}
