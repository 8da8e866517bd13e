using AdminPortal.Bench;
using AdminPortal.Bench.Report;

namespace AdminPortal.BenchTests;

/// <summary>
/// The driver end to end in quick mode against the app build of this test run. One class, so the two runs never
/// overlap (each would measure the other; and they would fight over the two cores).
/// </summary>
public sealed class QuickBenchTests
{
    private static readonly string[] Scenarios = ["poll-small-db", "status", "poll", "action", "refresh", "poll-cold", "ifttt-mix", "ingest-single", "ingest-batch", "realtime", "connector-poll"];

    /// <summary>
    /// What the PostgreSQL run covers in CI: every scenario over the IFTTT API and ingest, on two instances. Left out to
    /// stay under a minute: poll-small-db and connector-poll (each its own database and two more app starts) and
    /// ifttt-mix (a mix of the same requests).
    /// </summary>
    private static readonly string[] PostgresScenarios = ["status", "poll", "action", "refresh", "poll-cold", "ingest-single", "ingest-batch", "realtime"];

    [Fact(Timeout = 300_000)]
    public async Task QuickMode_EveryScenario_CompletesWithZeroErrors()
    {
        var (report, table, log) = await RunAsync([], TestContext.Current.CancellationToken);

        Assert.Equal(Scenarios, report.Scenarios.Select(s => s.Name));
        Assert.All(report.Scenarios, s => Assert.True(s.Completed && s.Errors == 0, $"{s.Name} failed:\n{table}\n{log}"));
        // What the table shows a user of the connector scenario: the app polled the product and stored what it found.
        var connector = report.Find("connector-poll")!;
        Assert.True(connector.Requests > 0 && connector.Units > 0 && connector.Latency.Samples > 0, $"connector-poll measured nothing:\n{table}");
        // The IFTTT-shaped scenarios measured what they say: cold polls with fresh tokens, a mix step that ran.
        Assert.True(report.Find("poll-cold")!.Extra["fresh_tokens"] > 0, $"poll-cold had no fresh tokens:\n{table}");
        Assert.True(report.Find("ifttt-mix")!.Extra["steps"] >= 1, $"ifttt-mix ran no step:\n{table}");
    }

    /// <summary>
    /// Its own throwaway PostgreSQL cluster (scripts/throwaway-postgres.sh; Debian's postgresql is installed when missing)
    /// and two app processes on one database, requests spread over both: zero errors, never a timing. Duplicate realtime
    /// entries are reported, not failed, until realtime batches are leased across instances (issue 16, item 2).
    /// </summary>
    [Fact(Timeout = 300_000, SkipWhen = nameof(BenchPostgres.Skipped), SkipType = typeof(BenchPostgres), Skip = BenchPostgres.SkipReason)]
    public async Task QuickMode_OnPostgresWithTwoInstances_CompletesWithZeroErrors()
    {
        var (report, table, log) = await RunAsync(["--provider", "postgres", "--instances", "2", "--only", string.Join(',', PostgresScenarios)],
            TestContext.Current.CancellationToken);

        Assert.Equal(("PostgreSQL", 2), (report.Provider, report.Instances));
        Assert.Equal(PostgresScenarios, report.Scenarios.Select(s => s.Name));
        Assert.All(report.Scenarios, s => Assert.True(s.Completed && s.Errors == 0, $"{s.Name} failed:\n{table}\n{log}"));
        Assert.True(report.Find("poll-cold")!.Extra["fresh_tokens"] > 0, $"poll-cold had no fresh tokens:\n{table}");
        Assert.Equal(2, log.Split('\n').Count(l => l.Contains(", PostgreSQL) serving at ", StringComparison.Ordinal)));
    }

    private static async Task<(BenchReport Report, string Table, string Log)> RunAsync(string[] arguments, CancellationToken ct)
    {
        var repo = BenchOptions.FindRepoRoot();
        // The app build this test project was built with (dotnet build AdminPortal.sln), not a fresh Release build.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var appDll = Path.Combine(repo, "artifacts", "bin", "AdminPortal", configuration, "AdminPortal.dll");
        Assert.True(File.Exists(appDll), $"{appDll} is missing: build AdminPortal.sln first.");
        var work = Path.Combine(Path.GetTempPath(), "adminportal-bench-tests", Guid.NewGuid().ToString("N"));
        var options = BenchOptions.Parse(["--quick", "--app-dll", appDll, "--work", work, "--results", Path.Combine(work, "results"), .. arguments]);

        var log = new List<string>();
        BenchReport report;
        try
        {
            report = await BenchRun.RunAsync(options, line => { lock (log) { log.Add(line); } }, ct);
        }
        finally
        {
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        return (report, ReportWriter.Table(report), string.Join('\n', log));
    }
}
