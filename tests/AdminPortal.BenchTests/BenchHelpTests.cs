using AdminPortal.Bench;

namespace AdminPortal.BenchTests;

/// <summary>The driver explains itself instead of answering --help with "Unknown option".</summary>
public sealed class BenchHelpTests
{
    [Fact]
    public async Task Help_PrintsUsageWithEveryScenario_AndExitsZeroWithoutRunning()
    {
        var output = new StringWriter();
        var before = Console.Out;
        Console.SetOut(output);
        int exitCode;
        try
        {
            exitCode = await BenchMain.Main(["--help"]);
        }
        finally
        {
            Console.SetOut(before);
        }

        Assert.Equal(0, exitCode);
        var text = output.ToString();
        Assert.Contains("usage: dotnet run -c Release --project bench/AdminPortal.Bench", text);
        Assert.All(["poll-small-db", "status", "poll", "action", "refresh", "poll-cold", "ifttt-mix", "ingest-single", "ingest-batch", "realtime", "connector-poll"],
            scenario => Assert.Contains(scenario, text));
    }
}
