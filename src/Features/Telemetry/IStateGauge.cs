using System.Diagnostics.Metrics;

namespace AdminPortal.Features.Telemetry;

/// <summary>
/// A state the feature that owns it measures (the realtime queue, token health), exported as an observable gauge. The
/// reading may query the database: <see cref="CachedGauge"/> calls it at most once per <c>OpenTelemetry:GaugeRefresh</c>,
/// and only while someone observes, so a scrape costs no query. Registered as a singleton by the owner.
/// </summary>
public interface IStateGauge
{
    /// <summary>E.g. <c>adminportal.realtime.queue.depth</c>.</summary>
    string Name { get; }

    string? Unit { get; }

    string Description { get; }

    Task<IReadOnlyList<Measurement<double>>> ReadAsync(CancellationToken ct);
}
