using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace AdminPortal.Data;

/// <summary>Stores an instant as UTC ticks; read back with offset zero (the app only deals in UTC).</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
