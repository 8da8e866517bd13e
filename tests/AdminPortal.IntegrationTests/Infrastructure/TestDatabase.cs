using System.Collections.Concurrent;
using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

[assembly: AssemblyFixture(typeof(AdminPortal.IntegrationTests.Infrastructure.TestDatabase.DropAtEnd))]

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// The database each test factory runs on: a SQLite file in its data directory by default or, when
/// <see cref="PostgresVariable"/> names a PostgreSQL server, a throwaway database of its own on that server (the suite's
/// second run, decision 0023). The PostgreSQL database is named after the data directory, so factories over one directory
/// share it as restarts of one install would; each is copied from a template migrated once per run, and all are dropped
/// when the run ends.
/// </summary>
public static class TestDatabase
{
    public const string PostgresVariable = "ADMINPORTAL_TEST_POSTGRES";

    private static readonly string? Server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } s ? s : null;
    private static readonly ConcurrentDictionary<string, Lazy<string>> Created = new();
    private static readonly Lazy<string> Template = new(CreateTemplate);

    public static bool IsPostgres => Server is not null;

    /// <summary>For <c>[Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "…why…")]</c>.</summary>
    public static bool IsSqlite => !IsPostgres;

    /// <summary>The app's settings for a factory over <paramref name="dataDirectory"/>.</summary>
    public static IEnumerable<(string Key, string Value)> SettingsFor(string dataDirectory, string sqliteFile)
    {
        if (!IsPostgres)
        {
            yield return (DatabaseExtensions.ConnectionStringKey, $"Data Source={sqliteFile}");
            yield break;
        }
        yield return (DatabaseExtensions.ProviderKey, DatabaseProvider.Postgres);
        yield return (DatabaseExtensions.ConnectionStringKey, PostgresFor(dataDirectory));
    }

    /// <summary>
    /// An unpooled connection (not yet open) to the factory's database, for tests that read or change rows behind the app's
    /// back. Parameters are written <c>@name</c> and identifiers quoted, which both providers take.
    /// </summary>
    public static DbConnection Connect(AdminPortalFactory factory) => Connect(factory.DataDirectory);

    /// <inheritdoc cref="Connect(AdminPortalFactory)"/>
    public static DbConnection Connect(string dataDirectory) => IsPostgres
        ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(PostgresFor(dataDirectory)) { Pooling = false }.ConnectionString)
        : new SqliteConnection($"Data Source={Path.Combine(dataDirectory, AdminPortalFactory.DatabaseFileName)};Pooling=False");

    private static string PostgresFor(string dataDirectory)
    {
        var name = "adminportal_test_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataDirectory))))[..20];
        return Created.GetOrAdd(name, n => new Lazy<string>(() => CreateFromTemplate(n))).Value;
    }

    // Npgsql's pools are per connection string and outlive the factory that used them: each factory's database has its
    // own, and with the default five-minute idle lifetime the run's finished factories kept enough idle connections open
    // to exhaust the server ("53300: too many clients"). Closed after a few idle seconds instead.
    private static string OnServer(string database, bool pooling = true) =>
        new NpgsqlConnectionStringBuilder(Server)
        {
            Database = database, Pooling = pooling, ConnectionIdleLifetime = 3, ConnectionPruningInterval = 1,
        }.ConnectionString;

    private static readonly Lock Creating = new();

    // One copy at a time: PostgreSQL refuses to copy a template that another session is using.
    private static string CreateFromTemplate(string name)
    {
        var template = Template.Value;
        lock (Creating)
        {
            Execute($"""CREATE DATABASE "{name}" TEMPLATE "{template}" """);
        }
        return OnServer(name);
    }

    /// <summary>Migrated once per run through the app's own options, so each factory's copy starts current (and fast).</summary>
    private static string CreateTemplate()
    {
        var name = $"adminportal_template_{Environment.ProcessId}";
        Execute($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        PostgresDatabase.Prepare(OnServer(name, pooling: false)).Configure(options);
        using (var db = new AppDbContext(options.Options))
        {
            db.Database.Migrate();
        }
        return name;
    }

    private static void Execute(string sql)
    {
        using var connection = new NpgsqlConnection(OnServer(new NpgsqlConnectionStringBuilder(Server).Database ?? "postgres", pooling: false));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Drops every database this run created (the apps are stopped by then; FORCE ends stray connections).</summary>
    public sealed class DropAtEnd : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            if (IsPostgres)
            {
                NpgsqlConnection.ClearAllPools();
                foreach (var name in Created.Keys.Append(Template.IsValueCreated ? Template.Value : null).OfType<string>())
                {
                    Execute($"""DROP DATABASE IF EXISTS "{name}" WITH (FORCE)""");
                }
            }
            return ValueTask.CompletedTask;
        }
    }
}
