using AdminPortal.Data;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Foundation;

public sealed class DatabaseTests(AdminPortalFactory factory) : IClassFixture<AdminPortalFactory>
{
    [Fact]
    public async Task Startup_FreshDatabase_AppliesEveryMigrationOfItsProvider()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = factory.CreateClient();

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(ct));
        // Each provider has its own history: never the other's migrations (ProviderMigrationsAssembly).
        var expectedNamespace = TestDatabase.IsPostgres ? ProviderMigrationsAssembly.PostgresNamespace : ProviderMigrationsAssembly.SqliteNamespace;
        var migrations = db.GetService<IMigrationsAssembly>().Migrations.Values;
        Assert.NotEmpty(migrations);
        Assert.All(migrations, m => Assert.Equal(expectedNamespace, m.Namespace));
        Assert.Equal(TestDatabase.IsPostgres, db.Database.IsNpgsql());
    }

    /// <summary>
    /// The provider's snapshot matches the model: a forgotten migration, or two branches' snapshots merged badly, would
    /// leave the database without a table or column the code uses.
    /// </summary>
    [Fact]
    public async Task Model_MatchesTheProvidersMigrationSnapshot()
    {
        _ = factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(db.Database.HasPendingModelChanges(),
            "the model has changes no migration of this provider covers: add one with the README's migration commands");
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: WAL is SQLite's journal mode (decision 0023)")]
    public async Task Startup_FreshDatabaseFile_IsInWalMode()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = factory.CreateClient();

        Assert.True(File.Exists(factory.DatabasePath));
        await using var connection = new SqliteConnection($"Data Source={factory.DatabasePath}");
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync(ct));
    }
}
