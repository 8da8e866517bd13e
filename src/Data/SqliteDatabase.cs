using System.Data.Common;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// A committing writer checkpoints only when the WAL passes this many pages (~200 MB): normally the
    /// <see cref="SqliteCheckpointer"/> has copied it back long before, off the request path. The backstop keeps the WAL
    /// bounded if that service stops.
    /// </summary>
    public const int BackstopCheckpointPages = 50_000;

    /// <summary>After a checkpoint resets the WAL, its file is truncated to this size rather than kept at its peak.</summary>
    public const long WalSizeLimitBytes = 64L * 1024 * 1024;

    private SqliteDatabase(string connectionString, string filePath, bool inMemory)
    {
        ConnectionString = connectionString;
        FilePath = filePath;
        InMemory = inMemory;
    }

    public string ConnectionString { get; }
    public string FilePath { get; }
    public bool InMemory { get; }

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
        return new SqliteDatabase(csb.ToString(), csb.DataSource, inMemory);
    }

    public void Configure(DbContextOptionsBuilder options) =>
        options.UseSqlite(ConnectionString)
            .UseProviderMigrations()
            .AddInterceptors(ConnectionSetupInterceptor.Instance);

    /// <summary>WAL lets IFTTT's polls read while ingest writes; the mode is stored in the file, so once is enough.</summary>
    public static async Task EnableWriteAheadLogAsync(AppDbContext db, CancellationToken ct) =>
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);

    /// <summary>
    /// Per-connection settings, applied once per physical connection: the pool hands the same SQLite handle out again
    /// and again (a poll opens one per request), and the settings live as long as the handle.
    /// </summary>
    private sealed class ConnectionSetupInterceptor : DbConnectionInterceptor
    {
        public static readonly ConnectionSetupInterceptor Instance = new();
        private static readonly ConditionalWeakTable<object, object> Prepared = new();
        private static readonly object Marker = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
            Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            object key = (connection as SqliteConnection)?.Handle is { } handle ? handle : connection;
            if (Prepared.TryGetValue(key, out _))
            {
                return;
            }
            using var command = connection.CreateCommand();
            command.CommandText = $"""
                PRAGMA busy_timeout={BusyTimeoutMilliseconds};
                PRAGMA wal_autocheckpoint={BackstopCheckpointPages};
                PRAGMA journal_size_limit={WalSizeLimitBytes};
                """;
            command.ExecuteNonQuery();
            Prepared.AddOrUpdate(key, Marker);
        }
    }
}
