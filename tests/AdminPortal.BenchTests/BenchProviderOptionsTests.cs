using AdminPortal.Bench;
using AdminPortal.Bench.Database;

namespace AdminPortal.BenchTests;

/// <summary>--provider and --instances: what runs where, and the sentence a SQLite multi-instance request gets.</summary>
public sealed class BenchProviderOptionsTests
{
    [Fact]
    public async Task InstancesAboveOne_OnSqlite_IsRefusedWithTheReason_BeforeAnythingRuns()
    {
        var (exitCode, _, errors) = await BenchConsole.RunAsync("--quick", "--instances", "2");

        Assert.Equal(2, exitCode);
        Assert.Contains("--instances 2 needs --provider postgres (or both): on SQLite AdminPortal runs as one instance", errors);
    }

    [Fact]
    public void Both_RunsSqliteThenPostgres_AndTheInstancesAreThePostgresPasses()
    {
        var options = BenchOptions.Parse(["--quick", "--provider", "both", "--instances", "2"]);

        Assert.Equal([BenchProvider.Sqlite, BenchProvider.Postgres], options.Providers);
        Assert.Equal(1, options.InstancesOn(BenchProvider.Sqlite));
        Assert.Equal(2, options.InstancesOn(BenchProvider.Postgres));
    }

    [Fact]
    public void Default_IsOneSqlitePass()
    {
        var options = BenchOptions.Parse(["--quick"]);

        Assert.Equal([BenchProvider.Sqlite], options.Providers);
        Assert.Equal(1, options.InstancesOn(BenchProvider.Sqlite));
    }

    [Theory]
    [InlineData("mysql", "--provider takes sqlite, postgres or both, not 'mysql'.")]
    [InlineData("postgres --instances 0", "--instances needs at least 1.")]
    public void UnknownProviderOrNoInstances_IsRefused(string arguments, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchOptions.Parse(["--provider", .. arguments.Split(' ')]));
        Assert.Equal(message, error.Message);
    }
}
