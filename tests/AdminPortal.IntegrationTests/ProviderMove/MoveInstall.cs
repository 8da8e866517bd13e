using System.Data.Common;
using AdminPortal.Data;
using AdminPortal.Features.ProviderMove;
using AdminPortal.IntegrationTests.Infrastructure;
using AdminPortal.IntegrationTests.OAuth;

namespace AdminPortal.IntegrationTests.ProviderMove;

/// <summary>
/// One AdminPortal install for the move's tests: its own data directory, Data Protection keys kept on disk there, the IFTTT
/// client secret configured and the service key left to the database (so it is stored encrypted). <see cref="OnSqlite"/>
/// pins it to an SQLite file whatever the run's provider — the install being moved away from.
/// </summary>
public sealed class MoveInstall : OAuthFactory
{
    private MoveInstall(string dataDirectory, bool sqlite) : base(dataDirectory)
    {
        KeepDataProtectionKeys = true;
        if (sqlite)
        {
            Settings[DatabaseExtensions.ProviderKey] = DatabaseProvider.Sqlite;
            Settings[DatabaseExtensions.ConnectionStringKey] = $"Data Source={DatabasePath}";
        }
    }

    public static MoveInstall OnSqlite() => new(NewDataDirectory(), sqlite: true);

    /// <summary>On the run's PostgreSQL database for <paramref name="dataDirectory"/> (the one <see cref="PostgresFor"/> names).</summary>
    public static MoveInstall OnPostgres(string dataDirectory) => new(dataDirectory, sqlite: false);

    /// <summary>The (migrated, empty) PostgreSQL database the run keeps for <paramref name="dataDirectory"/>.</summary>
    public static string PostgresFor(string dataDirectory)
    {
        using var connection = TestDatabase.Connect(dataDirectory);
        return connection.ConnectionString;
    }

    /// <summary>The command as a shell runs it, in process: exit code and what it printed on each stream.</summary>
    public static async Task<(int Exit, string Output, string Error)> MoveAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await MoveToPostgresCommand.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Rows per table of the app's tables (not EF's migrations history and lock), read behind the app's back.</summary>
    public static async Task<Dictionary<string, long>> RowCountsAsync(DbConnection connection, string tablesSql)
    {
        var ct = TestContext.Current.CancellationToken;
        await connection.OpenAsync(ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = tablesSql;
            await using var reader = await list.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables.Where(t => !t.StartsWith("__EFMigrations", StringComparison.Ordinal)))
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = Convert.ToInt64(await count.ExecuteScalarAsync(ct));
        }
        return counts;
    }

    public const string SqliteTables = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
    public const string PostgresTables =
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
}
