using AdminPortal.Bench.Load;

namespace AdminPortal.Bench.Report;

/// <summary>Everything a run measured, as printed and as written to bench/results/&lt;timestamp&gt;.json.</summary>
public sealed record BenchReport
{
    public required DateTimeOffset StartedAt { get; init; }
    public required string Mode { get; init; }
    /// <summary>SQLite or PostgreSQL: the app's database in this pass.</summary>
    public string Provider { get; init; } = "SQLite";
    /// <summary>App processes serving the pass (requests spread over them in turn).</summary>
    public int Instances { get; init; } = 1;
    public required string Machine { get; init; }
    public required Dictionary<string, object> Scale { get; init; }
    public Dictionary<string, double> SeedSeconds { get; init; } = [];
    public List<ScenarioResult> Scenarios { get; init; } = [];
    public double? PollToStatusThroughput { get; set; }
    public double? PollP50LargeToSmall { get; set; }
    /// <summary>The connector scenario's product polls a second over status requests a second (no target: a scale for the figure).</summary>
    public double? ConnectorPollsToStatus { get; set; }
    /// <summary>Every other scenario's requests a second over status's, measured in the same run (the machine's HTTP floor as the unit).</summary>
    public Dictionary<string, double> RatiosToStatus { get; init; } = [];
    public double? PeakResidentMb { get; set; }
    public double? PeakResidentSmallDbMb { get; set; }
    public List<TargetCheck> Targets { get; init; } = [];
    public List<string> AppWarnings { get; init; } = [];

    public ScenarioResult? Find(string name) => Scenarios.FirstOrDefault(s => s.Name == name);
    public bool AllScenariosClean => Scenarios.Count > 0 && Scenarios.All(s => s.Completed && s.Errors == 0);
}

/// <summary>One target of the benchmark issue; <see cref="Met"/> is null when the run did not measure it.</summary>
public sealed record TargetCheck(string Name, string Target, string Actual, bool? Met);

public static class Targets
{
    public static void Evaluate(BenchReport report)
    {
        var status = report.Find("status");
        var poll = report.Find("poll");
        var small = report.Find("poll-small-db");
        var batch = report.Find("ingest-batch");
        var realtime = report.Find("realtime");
        var connector = report.Find("connector-poll");

        if (status is not null && poll is not null && status.RequestsPerSecond > 0)
        {
            report.PollToStatusThroughput = poll.RequestsPerSecond / status.RequestsPerSecond;
        }
        if (status is not null && connector is not null && status.RequestsPerSecond > 0)
        {
            report.ConnectorPollsToStatus = connector.RequestsPerSecond / status.RequestsPerSecond;
        }
        foreach (var s in report.Scenarios.Where(s => s != status && status?.RequestsPerSecond > 0))
        {
            report.RatiosToStatus[s.Name] = Math.Round(s.RequestsPerSecond / status!.RequestsPerSecond, 3);
        }
        if (poll is not null && small is not null && small.Latency.P50 > 0)
        {
            report.PollP50LargeToSmall = poll.Latency.P50 / small.Latency.P50;
        }

        Add(report, "poll throughput ≥ 40% of status", "≥ 0.40", report.PollToStatusThroughput, v => v >= 0.40, "0.00");
        Add(report, $"poll p99 ≤ 25 ms at {poll?.Clients} clients", "≤ 25 ms", poll?.Latency.P99, v => v <= 25, "0.0 ms");
        var cold = report.Find("poll-cold");
        Add(report, "cold poll throughput ≥ 25% of status", "≥ 0.25", report.RatiosToStatus.TryGetValue("poll-cold", out var r) ? r : null, v => v >= 0.25, "0.00");
        Add(report, $"cold poll p99 ≤ 50 ms at {cold?.Clients} clients", "≤ 50 ms", cold?.Latency.P99, v => v <= 50, "0.0 ms");
        Add(report, "refresh grants", "≥ 500/s", report.Find("refresh")?.RequestsPerSecond, v => v >= 500, "N0");
        Add(report, "poll p50 large DB ≤ 1.25 × small DB", "≤ 1.25", report.PollP50LargeToSmall, v => v <= 1.25, "0.00");
        Add(report, "batched ingest (realtime matching on)", "≥ 10,000 events/s", batch?.UnitsPerSecond, v => v >= 10_000, "N0");
        Add(report, "realtime latency p50 (issue 21)", "≤ 250 ms", realtime?.Latency.P50, v => v <= 250, "0 ms");
        Add(report, "realtime latency p99 (issue 21)", "≤ 500 ms", realtime?.Latency.P99, v => v <= 500, "0 ms");
        Add(report, "app peak resident memory", "≤ 400 MB", report.PeakResidentMb, v => v <= 400, "0 MB");
        var errors = report.Scenarios.Sum(s => s.Errors);
        report.Targets.Add(new TargetCheck("zero non-2xx in every scenario", "0", errors.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
            report.Scenarios.Count == 0 ? null : report.AllScenariosClean));
    }

    private static void Add(BenchReport report, string name, string target, double? actual, Func<double, bool> met, string format) =>
        report.Targets.Add(new TargetCheck(name, target,
            actual is { } v ? (format.EndsWith(" ms", StringComparison.Ordinal) || format.EndsWith(" MB", StringComparison.Ordinal)
                ? v.ToString(format[..^3], System.Globalization.CultureInfo.InvariantCulture) + format[^3..]
                : v.ToString(format, System.Globalization.CultureInfo.InvariantCulture)) : "not measured",
            actual is { } x ? met(x) : null));
}
