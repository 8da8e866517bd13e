namespace AdminPortal.Features.Dashboard.Overview;

/// <summary>One named line or bar series of an <see cref="HourlyChart"/>: a value per hour, null where there is none.</summary>
public sealed record HourlySeries(string Name, IReadOnlyList<double?> Values);
