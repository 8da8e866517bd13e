using System.Data.Common;
using AdminPortal.Bench.Seeding;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AdminPortal.Bench.Database;

/// <summary>Which database engine a bench pass runs the app on (<c>Database:Provider</c>).</summary>
public enum BenchProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// One bench database, rebuilt every run: a SQLite file in <see cref="Directory"/>, or a PostgreSQL database of that
/// name on the bench's throwaway cluster. The folder holds what stays a file on both (Data Protection keys the seeding
/// host and every app process share, the email outbox, and on SQLite Hangfire's file).
/// </summary>
public sealed record BenchDatabase(BenchProvider Provider, string Directory, string ConnectionString)
{
    /// <summary>OpenIddict's development certificates instead of the bench's RSA 2048 pair (<c>--dev-certificates</c>).</summary>
    public bool DevelopmentCertificates { get; init; }

    /// <summary>Empties <paramref name="directory"/>; on PostgreSQL drops and creates the database <c>bench_&lt;name&gt;</c>.</summary>
    public static async Task<BenchDatabase> FreshAsync(BenchProvider provider, string directory, ThrowawayPostgres? cluster, CancellationToken ct)
    {
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        System.IO.Directory.CreateDirectory(directory);
        if (provider == BenchProvider.Sqlite)
        {
            return new(provider, directory, $"Data Source={Path.Combine(directory, "adminportal.db")}");
        }
        var server = cluster ?? throw new InvalidOperationException("A PostgreSQL bench database needs the bench's cluster.");
        var name = "bench_" + new string(Path.GetFileName(directory).Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '_').ToArray());
        await using (var connection = new NpgsqlConnection(server.ServerConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE); CREATE DATABASE \"{name}\"";
            await command.ExecuteNonQueryAsync(ct);
        }
        // The app processes and Hangfire share the database: room above Npgsql's default pool of 100 per process is the cluster's (300).
        var builder = new NpgsqlConnectionStringBuilder(server.ServerConnectionString) { Database = name };
        return new(provider, directory, builder.ConnectionString);
    }

    /// <summary>The database the way the app is told about it (the seeding host and the app processes alike).</summary>
    public IEnumerable<KeyValuePair<string, string>> AppSettings() => Provider == BenchProvider.Sqlite
        ?
        [
            new("Database:Provider", "Sqlite"),
            new("ConnectionStrings:AdminPortal", ConnectionString),
            new("ConnectionStrings:Hangfire", Path.Combine(Directory, "hangfire.db")),
        ]
        :
        [
            // Hangfire follows the app onto PostgreSQL (its own schema in the same database), as it does for an adopter.
            new("Database:Provider", "Postgres"),
            new("ConnectionStrings:AdminPortal", ConnectionString),
        ];

    /// <summary>A connection for the bench's own reads beside the running app (SQLite read-only; WAL lets both work).</summary>
    public DbConnection OpenForReading()
    {
        DbConnection connection = Provider == BenchProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString)
            {
                Mode = SqliteOpenMode.ReadOnly, Pooling = false, DefaultTimeout = 30,
            }.ToString())
            : new NpgsqlConnection(ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>The bulk writer for seeding: prepared inserts on SQLite, COPY on PostgreSQL.</summary>
    internal BulkWriter OpenBulkWriter() => Provider == BenchProvider.Sqlite
        ? new SqliteBulkWriter(new SqliteConnectionStringBuilder(ConnectionString).DataSource)
        : new PostgresBulkWriter(ConnectionString);

    public static string DisplayName(BenchProvider provider) => provider == BenchProvider.Sqlite ? "SQLite" : "PostgreSQL";
}
