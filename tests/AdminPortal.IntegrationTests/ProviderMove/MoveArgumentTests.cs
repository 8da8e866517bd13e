using System.Net;
using System.Net.Sockets;
using AdminPortal.Data;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.IntegrationTests.ProviderMove;

/// <summary>The command's refusals: each a non-zero exit and one sentence saying what to do, before anything is written.</summary>
public sealed class MoveArgumentTests
{
    private const string ValidTarget = "Host=127.0.0.1;Database=adminportal_move_never_created";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(new[] { "--form", "x.db" }, "unknown argument '--form'")]
    [InlineData(new[] { "stray" }, "unknown argument 'stray'")]
    [InlineData(new[] { "--from" }, "--from needs a value")]
    [InlineData(new[] { "--from", "x.db", "--to", "--replace" }, "--to needs a value")]
    [InlineData(new[] { "--from", "x.db", "--Database:Provider=Sqlite" }, "--to is needed")]
    [InlineData(new[] { "--from", "x.db", "--to", "Host=127.0.0.1" }, "--to: the PostgreSQL connection string must name a Host and a Database")]
    [InlineData(new[] { "--from", "x.db", "--to", "Nonsense Keyword=1" }, "--to: not a valid PostgreSQL connection string")]
    public async Task BadArguments_Exit2WithTheProblemAndTheUsage(string[] args, string problem)
    {
        var (exit, output, error) = await MoveInstall.MoveAsync(args);

        Assert.Equal(2, exit);
        Assert.StartsWith($"AdminPortal cannot move to PostgreSQL: {problem}", error);
        Assert.Empty(output);
    }

    /// <summary>The real executable, as an admin runs it: the configured SQLite file and the configured PostgreSQL string are the defaults.</summary>
    [Fact]
    public async Task RealExecutable_TakesFromAndToFromTheConfiguration()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        Directory.CreateDirectory(directory);
        var missing = Path.Combine(directory, "configured.db");

        var fromConfiguration = await AppProcess.RunAsync(["move-to-postgres", "--to", ValidTarget, "--contentRoot", directory],
            new() { ["ConnectionStrings__AdminPortal"] = $"Data Source={missing}" }, directory);
        var toMissing = await AppProcess.RunAsync(["move-to-postgres", "--from", missing, "--Database:Provider", "Postgres"],
            new() { ["ConnectionStrings__AdminPortal"] = "Host=127.0.0.1" }, directory);

        Assert.Equal(1, fromConfiguration.ExitCode);
        Assert.Contains($"AdminPortal cannot move to PostgreSQL: {missing} does not exist.", fromConfiguration.Stderr);
        Assert.Equal(2, toMissing.ExitCode);
        Assert.Contains("AdminPortal cannot move to PostgreSQL: ConnectionStrings:AdminPortal: the PostgreSQL connection string must name a Host and a Database",
            toMissing.Stderr);
    }

    [Fact]
    public async Task MissingSqliteFile_Exit1NamingIt()
    {
        var missing = Path.Combine(AdminPortalFactory.NewDataDirectory(), "nothing-here.db");

        var (exit, _, error) = await MoveInstall.MoveAsync("--from", missing, "--to", ValidTarget);

        Assert.Equal(1, exit);
        Assert.Contains($"{missing} does not exist", error);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task SqliteFileOfAnOlderVersion_Exit1AskingToStartTheAppOnceFirst()
    {
        var file = Path.Combine(AdminPortalFactory.NewDataDirectory(), "older.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseSqlite($"Data Source={file};Pooling=False").UseProviderMigrations();
        await using (var db = new AppDbContext(options.Options))
        {
            var migrations = db.Database.GetMigrations().ToList();
            await db.GetService<IMigrator>().MigrateAsync(migrations[^2], Ct); // one migration behind
        }

        var (exit, _, error) = await MoveInstall.MoveAsync("--from", file, "--to", ValidTarget);

        Assert.Equal(1, exit);
        Assert.Contains("is not migrated to this version's latest SQLite migration", error);
        Assert.Contains("start AdminPortal once on it", error);
    }

    [Fact]
    public async Task UnreachableServer_Exit1SayingSo()
    {
        var file = await MoveToPostgresTests.StartedSqliteInstallAsync();
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now

        var (exit, _, error) = await MoveInstall.MoveAsync("--from", file, "--to", $"Host=127.0.0.1;Port={closedPort};Database=adminportal;Timeout=3");

        Assert.Equal(1, exit);
        Assert.Contains($"\"adminportal\" on 127.0.0.1:{closedPort}", error);
        Assert.Contains("the server cannot be reached", error);
    }
}
