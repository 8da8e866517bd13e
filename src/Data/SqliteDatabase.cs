using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AdminPortal.Data;

/// <summary>The embedded default: one SQLite file under the content root, in WAL mode.</summary>
public sealed class SqliteDatabase
{
    public const string DefaultConnectionString = "Data Source=data/adminportal.db";
    /// <summary>How long a writer waits for another writer's lock before SQLITE_BUSY.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private SqliteDatabase(string connectionString, string filePath)
    {
        ConnectionString = connectionString;
        FilePath = filePath;
    }

    public string ConnectionString { get; }
    public string FilePath { get; }

    /// <summary>
    /// Parses the configured connection string, resolves a relative file against the content root
    /// and creates its folder, so a fresh clone needs no set-up.
    /// </summary>
    public static SqliteDatabase Prepare(string? configured, string contentRoot)
    {
        SqliteConnectionStringBuilder csb;
        try
        {
            csb = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? DefaultConnectionString : configured);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StartupConfigurationException(DatabaseExtensions.ConnectionStringKey,
                $"not a valid SQLite connection string ({ex.Message}).");
        }

        if (string.IsNullOrWhiteSpace(csb.DataSource))
        {
            throw new StartupConfigurationException(DatabaseExtensions.ConnectionStringKey,
                "the SQLite connection string names no 'Data Source' file.");
        }

        var inMemory = csb.DataSource == ":memory:" || csb.Mode == SqliteOpenMode.Memory;
        if (!inMemory)
        {
            csb.DataSource = Path.GetFullPath(csb.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(csb.DataSource)!);
        }

        csb.Pooling = true;
        // Microsoft.Data.Sqlite retries SQLITE_BUSY until the command timeout; keep it above the busy timeout.
        csb.DefaultTimeout = Math.Max(csb.DefaultTimeout, 30);
        return new SqliteDatabase(csb.ToString(), csb.DataSource);
    }

    public void Configure(DbContextOptionsBuilder options) =>
        options.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .AddInterceptors(BusyTimeoutInterceptor.Instance);

    /// <summary>WAL lets IFTTT's polls read while ingest writes; the mode is stored in the file, so once is enough.</summary>
    public static async Task EnableWriteAheadLogAsync(AppDbContext db, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

    /// <summary>Sets SQLite's own busy timeout on every connection the pool hands out.</summary>
    private sealed class BusyTimeoutInterceptor : DbConnectionInterceptor
    {
        public static readonly BusyTimeoutInterceptor Instance = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA busy_timeout={BusyTimeoutMilliseconds};";
            command.ExecuteNonQuery();
        }
    }
}
