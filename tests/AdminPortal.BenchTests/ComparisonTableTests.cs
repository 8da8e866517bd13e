using AdminPortal.Bench.Load;
using AdminPortal.Bench.Report;

namespace AdminPortal.BenchTests;

/// <summary>--provider both: one table, a column group per pass, each ratio to that pass's own status.</summary>
public sealed class ComparisonTableTests
{
    [Fact]
    public void Table_PutsThePassesSideBySide_WithRatiosToEachPassesOwnStatus()
    {
        var sqlite = Pass("SQLite", 1, status: 4000, poll: 1000, duplicates: 0);
        var postgres = Pass("PostgreSQL", 2, status: 2000, poll: 1000, duplicates: 3);

        var table = ComparisonWriter.Table([sqlite, postgres]);

        Assert.Contains("| scenario | SQLite req/s | ÷ status | p50 ms | p99 ms | non-2xx | PostgreSQL ×2 req/s | ÷ status | p50 ms | p99 ms | non-2xx |", table);
        Assert.Contains("| status | 4,000 | 1 | 1.00 | 2.00 | 0 | 2,000 | 1 | 1.00 | 2.00 | 0 |", table);
        Assert.Contains("| poll | 1,000 | 0.250 | 1.00 | 2.00 | 0 | 1,000 | 0.500 | 1.00 | 2.00 | 0 |", table);
        Assert.Contains("PostgreSQL ×2: realtime entries sent more than once for one event: realtime 3", table);
        Assert.DoesNotContain("SQLite: realtime entries", table);
    }

    private static BenchReport Pass(string provider, int instances, double status, double poll, double duplicates)
    {
        var report = new BenchReport
        {
            StartedAt = DateTimeOffset.UnixEpoch, Mode = "quick", Machine = "test", Scale = [], Provider = provider, Instances = instances,
            Scenarios = [Result("status", status), Result("poll", poll), Result("realtime", 20, duplicates)],
        };
        Targets.Evaluate(report);
        return report;
    }

    private static ScenarioResult Result(string name, double perSecond, double duplicates = 0) => new()
    {
        Name = name, Clients = 32, Requests = (long)(perSecond * 2), Units = (long)(perSecond * 2), Seconds = 2,
        Latency = new Percentiles(1, 1.5, 2, 3, 1000),
        Extra = name == "realtime" ? new() { ["duplicate_nudges"] = duplicates } : [],
    };
}
