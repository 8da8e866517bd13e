using AdminPortal.IntegrationTests.Infrastructure;

namespace AdminPortal.IntegrationTests.Foundation;

/// <summary>
/// <c>Database:Provider=Postgres</c> with a missing or broken connection string stops the real app at start-up with the
/// key's name, before any server is contacted (so these run on the SQLite run too).
/// </summary>
public sealed class PostgresStartupTests
{
    [Theory]
    [InlineData(null, "ConnectionStrings:AdminPortal: Database:Provider is Postgres but no connection string is set")]
    [InlineData("Host=db;Bogus Keyword=1", "ConnectionStrings:AdminPortal: not a valid PostgreSQL connection string")]
    [InlineData("Host=db", "ConnectionStrings:AdminPortal: the PostgreSQL connection string must name a Host and a Database.")]
    public async Task Start_PostgresWithoutAUsableConnectionString_FailsNamingTheKey(string? connectionString, string expected)
    {
        var contentRoot = Directory.CreateTempSubdirectory("adminportal-start-").FullName;
        var environment = new Dictionary<string, string> { ["Database__Provider"] = "Postgres" };
        if (connectionString is not null)
        {
            environment["ConnectionStrings__AdminPortal"] = connectionString;
        }

        var result = await AppProcess.RunAsync(["--contentRoot", contentRoot, "--urls", "http://127.0.0.1:0"], environment, contentRoot);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"AdminPortal cannot start: {expected}", result.Stderr);
    }
}
