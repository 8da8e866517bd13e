using System.Text.RegularExpressions;
using AdminPortal.Bench;

namespace AdminPortal.BenchTests;

/// <summary>A PostgreSQL pass removes its throwaway cluster when the pass fails, not only when it completes.</summary>
public sealed partial class PostgresCleanupTests
{
    [Fact(Timeout = 120_000, SkipWhen = nameof(BenchPostgres.Skipped), SkipType = typeof(BenchPostgres), Skip = BenchPostgres.SkipReason)]
    public async Task PassThatFails_AfterTheClusterStarted_StillStopsAndRemovesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var work = Path.Combine(Path.GetTempPath(), "adminportal-bench-tests", Guid.NewGuid().ToString("N"));
        // A build that does not exist: the cluster starts and the database is seeded, then the app cannot start.
        var options = BenchOptions.Parse(["--quick", "--users", "10", "--events", "100", "--provider", "postgres", "--only", "status", "--app-dll", Path.Combine(work, "missing", "AdminPortal.dll"),
            "--work", work, "--results", Path.Combine(work, "results")]);
        var log = new List<string>();
        try
        {
            await Assert.ThrowsAsync<InvalidOperationException>(() => BenchRun.RunAsync(options, line => { lock (log) { log.Add(line); } }, ct));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        var started = log.Select(l => ClusterLine().Match(l)).FirstOrDefault(m => m.Success);
        Assert.True(started is not null, $"the pass did not start a cluster:\n{string.Join('\n', log)}");
        Assert.False(Directory.Exists(started.Groups["dir"].Value), $"{started.Groups["dir"].Value} is left behind");
        using var probe = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => probe.ConnectAsync("127.0.0.1", int.Parse(started.Groups["port"].Value), ct).AsTask());
    }

    [GeneratedRegex(@"Throwaway PostgreSQL \S+ on 127\.0\.0\.1:(?<port>\d+) \((?<dir>[^)]+)\)")]
    private static partial Regex ClusterLine();
}
