using System.Globalization;
using System.Text;

namespace AdminPortal.Bench.Report;

/// <summary>
/// The passes of one run side by side (<c>--provider both</c>): a row per scenario, a column group per pass. Each
/// pass's ratio is to its own <c>status</c> — the same machine, minutes apart, so the ratio is what compares.
/// </summary>
public static class ComparisonWriter
{
    public static string Table(IReadOnlyList<BenchReport> passes)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"AdminPortal bench — {passes[0].Mode}, side by side ({string.Join(" vs ", passes.Select(Label))}); ratios to each pass's own status");
        text.AppendLine();
        text.Append("| scenario |");
        foreach (var pass in passes)
        {
            text.Append(c, $" {Label(pass)} req/s | ÷ status | p50 ms | p99 ms | non-2xx |");
        }
        text.AppendLine();
        text.Append("|---|");
        text.AppendLine(string.Concat(passes.Select(_ => "---:|---:|---:|---:|---:|")));
        foreach (var name in passes.SelectMany(p => p.Scenarios.Select(s => s.Name)).Distinct())
        {
            text.Append(c, $"| {name} |");
            foreach (var pass in passes)
            {
                text.Append(pass.Find(name) is { } s
                    ? string.Create(c, $" {Rate(s)} | {Ratio(pass, name)} | {s.Latency.P50:0.00} | {s.Latency.P99:0.00} | {s.Errors:N0} |")
                    : " – | – | – | – | – |");
            }
            text.AppendLine();
        }
        text.Append("| app peak RSS MB (largest instance) |");
        foreach (var pass in passes)
        {
            text.Append(c, $" {(pass.PeakResidentMb is { } mb ? mb.ToString("0", c) : "–")} | | | | |");
        }
        text.AppendLine();
        foreach (var pass in passes)
        {
            var duplicates = pass.Scenarios.Where(s => s.Extra.TryGetValue("duplicate_nudges", out var d) && d > 0)
                .Select(s => string.Create(c, $"{s.Name} {s.Extra["duplicate_nudges"]:N0}")).ToList();
            if (duplicates.Count > 0)
            {
                text.AppendLine(c, $"{Label(pass)}: realtime entries sent more than once for one event: {string.Join(", ", duplicates)}");
            }
        }
        return text.ToString();
    }

    public static string Label(BenchReport pass) => pass.Instances > 1 ? $"{pass.Provider} ×{pass.Instances}" : pass.Provider;

    /// <summary>
    /// Requests a second; for the scenarios that carry events, events a second beside them; for ifttt-mix the highest
    /// step it sustained (its req/s is the last step's offered rate, passed or not).
    /// </summary>
    private static string Rate(Load.ScenarioResult s) => s.Name switch
    {
        "ingest-batch" or "connector-poll" => string.Create(CultureInfo.InvariantCulture, $"{s.RequestsPerSecond:N0} ({s.UnitsPerSecond:N0} events/s)"),
        Scenarios.IftttMixScenario.Name when s.Extra.TryGetValue("sustained_rate_per_s", out var sustained) =>
            string.Create(CultureInfo.InvariantCulture, $"{s.RequestsPerSecond:N0} (sustained {sustained:N0}/s)"),
        _ => s.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
    };

    private static string Ratio(BenchReport pass, string name) =>
        name == "status" ? "1" : pass.RatiosToStatus.TryGetValue(name, out var r) ? r.ToString("0.000", CultureInfo.InvariantCulture) : "–";
}
