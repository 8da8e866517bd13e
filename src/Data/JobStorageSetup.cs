using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;

namespace AdminPortal.Data;

/// <summary>
/// Picks Hangfire's storage: its own SQLite file by default (its tables have generic names, so it
/// never shares the app database), PostgreSQL (its own <c>hangfire</c> schema in the app database, so a
/// connection string stays all a user sets) when the app runs on PostgreSQL, or in-memory for tests.
/// Provider-specific, so it lives here.
/// </summary>
public static class JobStorageSetup
{
    public const string StorageKey = "Hangfire:Storage";
    public const string ConnectionStringKey = "ConnectionStrings:Hangfire";
    public const string DefaultFile = "data/hangfire.db";
    public const string PostgresSchema = "hangfire";

    /// <summary>
    /// Hangfire follows the app's database unless <see cref="StorageKey"/> says otherwise (empty counts as unset). The shipped
    /// appsettings.json leaves it unset: a fixed <c>Sqlite</c> there kept every PostgreSQL instance on a job file of its own,
    /// each running every recurring job (decision 0028).
    /// </summary>
    private static string Storage(IConfiguration configuration) =>
        configuration[StorageKey] is { Length: > 0 } storage ? storage
            : DatabaseProvider.Of(configuration) == DatabaseProvider.Postgres ? "Postgres" : "Sqlite";

    /// <summary>How often an idle worker looks for new jobs; Hangfire's default of 15 s is too slow here.</summary>
    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Hangfire's SQLite file, or null when jobs are kept in memory (backups copy it beside the app database).</summary>
    public static string? SqliteFile(IConfiguration configuration, string contentRoot) =>
        Storage(configuration) == "Sqlite"
            ? Path.GetFullPath(configuration[ConnectionStringKey] ?? DefaultFile, contentRoot)
            : null;

    /// <summary>
    /// Reads the setting at composition time, so a typo stops start-up with the key's name, and returns
    /// a factory of this host's own storage (never Hangfire's process-wide <c>JobStorage.Current</c>).
    /// </summary>
    public static Func<JobStorage> Resolve(IConfiguration configuration, string contentRoot)
    {
        var storage = Storage(configuration);
        switch (storage)
        {
            case "Sqlite":
                var file = SqliteFile(configuration, contentRoot)!;
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                return () => new SQLiteStorage(file, new SQLiteStorageOptions { QueuePollInterval = QueuePollInterval });
            case "Postgres":
                // ConnectionStrings:Hangfire when set, else the app's own database.
                var connectionString = configuration[ConnectionStringKey] ?? configuration[DatabaseExtensions.ConnectionStringKey];
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new StartupConfigurationException(ConnectionStringKey, "Hangfire's PostgreSQL storage needs a connection string.");
                }
                var options = new PostgreSqlStorageOptions { QueuePollInterval = QueuePollInterval, SchemaName = PostgresSchema };
                return () => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
            case "InMemory":
                return () => new InMemoryStorage();
            default:
                throw new StartupConfigurationException(StorageKey, $"unknown job storage '{storage}'; supported: Sqlite, Postgres, InMemory.");
        }
    }
}
