namespace AdminPortal.Bench.Load;

/// <summary>One scenario's figures. <see cref="Units"/> are events for ingest, requests otherwise.</summary>
public sealed record ScenarioResult
{
    public required string Name { get; init; }
    public int Clients { get; init; }
    public long Requests { get; init; }
    public long Units { get; init; }
    public double Seconds { get; init; }
    public required Percentiles Latency { get; init; }
    public long Errors { get; init; }
    public IReadOnlyList<string> ErrorSamples { get; init; } = [];
    /// <summary>Scenario-specific notes (e.g. the realtime scenario's ingest latency, missing notifications).</summary>
    public Dictionary<string, double> Extra { get; init; } = [];

    public double RequestsPerSecond => Seconds > 0 ? Requests / Seconds : 0;
    public double UnitsPerSecond => Seconds > 0 ? Units / Seconds : 0;
    public bool Completed => Requests > 0;
}
