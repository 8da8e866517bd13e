using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdminPortal.Bench.Report;

/// <summary>The console table and the JSON file.</summary>
public static class ReportWriter
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Table(BenchReport report)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"AdminPortal bench — {report.Mode}, {ComparisonWriter.Label(report)}, {report.StartedAt:yyyy-MM-dd HH:mm} UTC, {report.Machine}");
        text.AppendLine(c, $"scale: {string.Join(", ", report.Scale.Select(kv => $"{kv.Key} {kv.Value}"))}");
        text.AppendLine(c, $"seeding (not part of any figure): {string.Join(", ", report.SeedSeconds.Select(kv => $"{kv.Key} {kv.Value:0.0} s"))}");
        text.AppendLine();
        text.AppendLine("| scenario | clients | requests | req/s | events/s | p50 ms | p95 ms | p99 ms | max ms | non-2xx | app RSS MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var s in report.Scenarios)
        {
            var units = s.Name.StartsWith("ingest", StringComparison.Ordinal) || s.Name is "realtime" or "connector-poll" ? s.UnitsPerSecond.ToString("N0", c) : "";
            text.AppendLine(c, $"| {s.Name} | {s.Clients} | {s.Requests:N0} | {s.RequestsPerSecond:N0} | {units} | {s.Latency.P50:0.00} | {s.Latency.P95:0.00} | {s.Latency.P99:0.00} | {s.Latency.Max:0.0} | {s.Errors:N0} | {(s.Extra.TryGetValue("app_rss_peak_mb", out var mb) ? mb.ToString("0", c) : "")} |");
        }
        foreach (var s in report.Scenarios)
        {
            var extra = s.Extra.Where(kv => kv.Key != "app_rss_peak_mb").ToList();
            if (extra.Count > 0)
            {
                text.AppendLine(c, $"{s.Name}: {string.Join(", ", extra.Select(kv => $"{kv.Key} {kv.Value:0.##}"))}");
            }
        }
        if (report.RatiosToStatus.Count > 0)
        {
            text.AppendLine(c, $"req/s ÷ status req/s: {string.Join(", ", report.RatiosToStatus.Select(kv => $"{kv.Key} {kv.Value:0.000}"))}");
        }
        if (report.ConnectorPollsToStatus is { } ratio)
        {
            text.AppendLine(c, $"connector-poll product polls/s ÷ status req/s: {ratio:0.000}");
        }
        text.AppendLine();
        text.AppendLine("| target | wanted | measured | met |");
        text.AppendLine("|---|---|---|---|");
        foreach (var t in report.Targets)
        {
            text.AppendLine(c, $"| {t.Name} | {t.Target} | {t.Actual} | {(t.Met switch { true => "yes", false => "**no**", null => "–" })} |");
        }
        foreach (var s in report.Scenarios.Where(s => s.ErrorSamples.Count > 0))
        {
            text.AppendLine(c, $"{s.Name}: first failures:");
            foreach (var sample in s.ErrorSamples)
            {
                text.AppendLine(c, $"  {sample}");
            }
        }
        if (report.AppWarnings.Count > 0)
        {
            text.AppendLine(c, $"the app logged {report.AppWarnings.Count} warning/error line(s); first: {report.AppWarnings[0]}");
        }
        return text.ToString();
    }

    /// <summary>One pass: its report, as before; several: <c>{"passes": [...]}</c> in run order.</summary>
    public static async Task<string> WriteJsonAsync(IReadOnlyList<BenchReport> passes, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var report = passes[0];
        var path = Path.Combine(directory, $"{report.StartedAt:yyyyMMdd-HHmmss}{(report.Mode == "quick" ? "-quick" : "")}.json");
        var json = passes.Count == 1 ? JsonSerializer.Serialize(report, JsonOptions) : JsonSerializer.Serialize(new { Passes = passes }, JsonOptions);
        await File.WriteAllTextAsync(path, json, ct);
        return path;
    }
}
