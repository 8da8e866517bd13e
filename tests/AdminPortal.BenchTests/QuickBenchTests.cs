using AdminPortal.Bench;
using AdminPortal.Bench.Report;

namespace AdminPortal.BenchTests;

public sealed class QuickBenchTests
{
    private static readonly string[] Scenarios = ["poll-small-db", "status", "poll", "action", "refresh", "poll-cold", "ifttt-mix", "ingest-single", "ingest-batch", "realtime", "connector-poll"];

    [Fact(Timeout = 300_000)]
    public async Task QuickMode_EveryScenario_CompletesWithZeroErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        var repo = BenchOptions.FindRepoRoot();
        // The app build this test project was built with (dotnet build AdminPortal.sln), not a fresh Release build.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;
        var appDll = Path.Combine(repo, "artifacts", "bin", "AdminPortal", configuration, "AdminPortal.dll");
        Assert.True(File.Exists(appDll), $"{appDll} is missing: build AdminPortal.sln first.");
        var work = Path.Combine(Path.GetTempPath(), "adminportal-bench-tests", Guid.NewGuid().ToString("N"));
        var options = BenchOptions.Parse(["--quick", "--app-dll", appDll, "--work", work, "--results", Path.Combine(work, "results")]);

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

        var table = ReportWriter.Table(report);
        Assert.Equal(Scenarios, report.Scenarios.Select(s => s.Name));
        Assert.All(report.Scenarios, s => Assert.True(s.Completed && s.Errors == 0, $"{s.Name} failed:\n{table}\n{string.Join('\n', log)}"));
        // What the table shows a user of the connector scenario: the app polled the product and stored what it found.
        var connector = report.Find("connector-poll")!;
        Assert.True(connector.Requests > 0 && connector.Units > 0 && connector.Latency.Samples > 0, $"connector-poll measured nothing:\n{table}");
        // The IFTTT-shaped scenarios measured what they say: cold polls with fresh tokens, a mix step that ran.
        Assert.True(report.Find("poll-cold")!.Extra["fresh_tokens"] > 0, $"poll-cold had no fresh tokens:\n{table}");
        Assert.True(report.Find("ifttt-mix")!.Extra["steps"] >= 1, $"ifttt-mix ran no step:\n{table}");
    }
}
