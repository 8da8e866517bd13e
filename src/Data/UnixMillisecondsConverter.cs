using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Data;

/// <summary>
/// Stores a <see cref="DateTimeOffset"/> as Unix milliseconds (INTEGER). SQLite cannot compare or order
/// EF's text form of DateTimeOffset in SQL; an integer column sorts, indexes and compares natively.
/// </summary>
public sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.ToUnixTimeMilliseconds(),
    v => DateTimeOffset.FromUnixTimeMilliseconds(v))
{
    public static readonly UnixMillisecondsConverter Instance = new();
}
