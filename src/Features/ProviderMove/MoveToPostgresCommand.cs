using AdminPortal.Data;
using AdminPortal.Features.Backups;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.Secrets;
using AdminPortal.Shared;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AdminPortal.Features.ProviderMove;

/// <summary>
/// <c>dotnet run -- move-to-postgres [--from FILE] [--to "CONNECTION STRING"] [--replace]</c>: copies an SQLite
/// installation's data into a PostgreSQL database (decision 0029). Checks the SQLite file (an AdminPortal database,
/// migrated to this version's latest migration, not in use), migrates the target to the latest PostgreSQL migration,
/// refuses a target that already holds rows unless <c>--replace</c>, copies every table of the model in one transaction,
/// and prints the rows per table. Exit 0 when moved, 1 when refused or failed (the target is left as it was), 2 for bad
/// arguments.
/// </summary>
public static class MoveToPostgresCommand
{
    public const string Name = "move-to-postgres";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        var (arguments, problem) = MoveArguments.Parse(args);
        if (arguments is null)
        {
            return await FailAsync(error, $"{problem}\n{MoveArguments.Usage}", 2);
        }
        var builder = WebApplication.CreateBuilder([.. arguments.Configuration]);
        builder.AddConfigInclude();
        var configuration = builder.Configuration;
        var configuredProvider = DatabaseProvider.Of(configuration);

        if (Target(arguments, configuration, configuredProvider) is not { } target)
        {
            return await FailAsync(error, $"--to is needed: {DatabaseExtensions.ProviderKey} is {configuredProvider} here, so name the PostgreSQL " +
                                          $"database to move into.\n{MoveArguments.Usage}", 2);
        }
        PostgresDatabase postgres;
        SqliteDatabase sqlite;
        try
        {
            // Unpooled: a one-shot command leaves no idle connections on the server.
            postgres = PostgresDatabase.Prepare(new NpgsqlConnectionStringBuilder(PostgresDatabase.Prepare(target).ConnectionString) { Pooling = false }.ConnectionString);
        }
        catch (StartupConfigurationException ex)
        {
            return await FailAsync(error, arguments.To is null ? ex.Message : "--to" + ex.Message[ex.Key.Length..], 2);
        }
        try
        {
            sqlite = SqliteDatabase.Prepare(Source(arguments, configuration, configuredProvider), builder.Environment.ContentRootPath);
        }
        catch (StartupConfigurationException ex)
        {
            return await FailAsync(error, arguments.From is null ? ex.Message : "--from" + ex.Message[ex.Key.Length..], 2);
        }
        if (sqlite.InMemory)
        {
            return await FailAsync(error, "the SQLite database to move from is in memory: name its file with --from.", 2);
        }

        var outcome = await MoveAsync(sqlite.FilePath, postgres, arguments.Replace, output, ct);
        if (outcome is not null)
        {
            return await FailAsync(error, outcome, 1);
        }
        await output.WriteLineAsync(Afterwards(configuration, builder.Environment.ContentRootPath));
        return 0;
    }

    /// <summary>Null when moved; otherwise why not, in a sentence.</summary>
    private static async Task<string?> MoveAsync(string file, PostgresDatabase postgres, bool replace, TextWriter output, CancellationToken ct)
    {
        if (BackupCheck.AppDatabaseProblem(file) is { } notAnAppDatabase)
        {
            return notAnAppDatabase;
        }
        // Held to the end: an AdminPortal started meanwhile warns, and one running now would keep writing after the snapshot.
        using var inUse = DatabaseInUseLock.TryTake(file);
        if (inUse is null)
        {
            return $"{file} is in use — stop AdminPortal first, then run the move again.";
        }

        await using var source = Context(options => options.UseSqlite(SqliteCopy.Unpooled(file, SqliteOpenMode.ReadOnly)).UseProviderMigrations());
        var pending = (await source.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0)
        {
            return $"{file} is not migrated to this version's latest SQLite migration ({pending[^1]} is pending): start AdminPortal " +
                   "once on it as before (it migrates at start-up), stop it, then run the move again.";
        }

        var server = Describe(postgres);
        await using var target = Context(postgres.Configure);
        try
        {
            await target.Database.MigrateAsync(ct);
        }
        catch (Exception ex) when (ConnectionProblem(ex) is { } reason)
        {
            return $"cannot migrate the PostgreSQL database {server}: {reason}";
        }

        var tables = MovedTables.Plan(source, target);
        await using var sqliteConnection = new SqliteConnection(SqliteCopy.Unpooled(file, SqliteOpenMode.ReadOnly));
        await using var postgresConnection = new NpgsqlConnection(postgres.ConnectionString);
        await sqliteConnection.OpenAsync(ct);
        await postgresConnection.OpenAsync(ct);

        var filled = await PostgresImport.TablesWithRowsAsync(postgresConnection, tables, ct);
        if (filled.Count > 0 && !replace)
        {
            return $"{server} already holds AdminPortal data (in {string.Join(", ", filled.Take(5))}{(filled.Count > 5 ? ", …" : "")}): " +
                   "move into an empty database, or pass --replace to delete what is there and move anyway.";
        }

        List<MovedCount> counts;
        try
        {
            counts = await PostgresImport.CopyAsync(sqliteConnection, postgresConnection, tables, replace, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return $"the move failed and was rolled back, {server} is as it was before: {ex.Message}";
        }

        await output.WriteLineAsync($"Moved {counts.Count} tables, {counts.Sum(c => c.Rows)} rows, from {file} to {server}:");
        var width = counts.Max(c => c.Table.Length);
        foreach (var (table, rows) in counts)
        {
            await output.WriteLineAsync($"  {table.PadRight(width)}  {rows,10}");
        }
        return null;
    }

    private static AppDbContext Context(Action<DbContextOptionsBuilder> configure)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        configure(options);
        return new AppDbContext(options.Options);
    }

    /// <summary>--to, else the configured connection string when the app is already configured for PostgreSQL.</summary>
    private static string? Target(MoveArguments arguments, IConfiguration configuration, string provider) =>
        arguments.To ?? (provider == DatabaseProvider.Postgres ? configuration[DatabaseExtensions.ConnectionStringKey] : null);

    /// <summary>--from, else the configured SQLite file, else (the app already configured for PostgreSQL) SQLite's default file.</summary>
    private static string? Source(MoveArguments arguments, IConfiguration configuration, string provider) =>
        arguments.From is { } from ? $"Data Source={Path.GetFullPath(from)}"
        : provider == DatabaseProvider.Sqlite ? configuration[DatabaseExtensions.ConnectionStringKey] : null;

    /// <summary>Host, port and database — never the password — for messages.</summary>
    private static string Describe(PostgresDatabase postgres)
    {
        var csb = new NpgsqlConnectionStringBuilder(postgres.ConnectionString);
        return $"\"{csb.Database}\" on {csb.Host}:{csb.Port}";
    }

    private static string? ConnectionProblem(Exception ex) => ex switch
    {
        PostgresException postgres => $"the server refused: {postgres.MessageText}",
        NpgsqlException npgsql => $"the server cannot be reached ({npgsql.InnerException?.Message ?? npgsql.Message})",
        _ when ex.InnerException is not null => ConnectionProblem(ex.InnerException),
        _ => null,
    };

    /// <summary>What the data needs besides its rows to work on the new database.</summary>
    private static string Afterwards(IConfiguration configuration, string contentRoot)
    {
        var keys = Path.GetFullPath(configuration[SecretsExtensions.KeysPathKey] is { Length: > 0 } path ? path : "data/keys", contentRoot);
        return $"""
            Next: set {DatabaseExtensions.ProviderKey}=Postgres and {DatabaseExtensions.ConnectionStringKey} to this database, then start
            AdminPortal with the same Data Protection keys ({SecretsExtensions.KeysPathKey}, here {keys}; copy the folder
            if the app moves to another machine) and the same {OAuthCertificates.SigningKey} and {OAuthCertificates.EncryptionKey}.
            The stored service key and product tokens are encrypted with those keys, and the tokens IFTTT holds are signed and
            encrypted with those certificates. Hangfire's job storage was not moved: recurring jobs are scheduled again at
            start-up; the old run history stays where it was.
            """;
    }

    private static async Task<int> FailAsync(TextWriter error, string problem, int exitCode)
    {
        await error.WriteLineAsync($"AdminPortal cannot move to PostgreSQL: {problem}");
        return exitCode;
    }
}
