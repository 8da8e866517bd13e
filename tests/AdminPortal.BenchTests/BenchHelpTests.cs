namespace AdminPortal.BenchTests;

/// <summary>The driver explains itself instead of answering --help with "Unknown option".</summary>
public sealed class BenchHelpTests
{
    [Fact]
    public async Task Help_PrintsUsageWithEveryScenario_AndExitsZeroWithoutRunning()
    {
        var (exitCode, text, _) = await BenchConsole.RunAsync("--help");

        Assert.Equal(0, exitCode);
        Assert.Contains("usage: dotnet run -c Release --project bench/AdminPortal.Bench", text);
        Assert.All(["poll-small-db", "status", "poll", "action", "refresh", "poll-cold", "ifttt-mix", "ingest-single", "ingest-batch", "realtime", "connector-poll"],
            scenario => Assert.Contains(scenario, text));
        Assert.Contains("--provider P", text);
        Assert.Contains("--instances N", text);
    }
}
