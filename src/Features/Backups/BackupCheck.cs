using System.Reflection;
using AdminPortal.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminPortal.Features.Backups;

/// <summary>Whether a file can replace the app database: a sound SQLite file, an AdminPortal database, of no newer version.</summary>
public static class BackupCheck
{
    /// <summary>Tables every AdminPortal database has had since its first migration.</summary>
    private static readonly string[] Expected = ["__EFMigrationsHistory", "AspNetUsers", "OpenIddictTokens", "TimelineEvents"];

    /// <summary>Null when <paramref name="file"/> is fit to restore; otherwise why not, in a sentence.</summary>
    public static string? AppDatabaseProblem(string file)
    {
        if (SqliteProblem(file) is { } problem)
        {
            return problem;
        }
        using var connection = Open(file);
        var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table';").ToHashSet(StringComparer.Ordinal);
        if (Expected.FirstOrDefault(t => !tables.Contains(t)) is { } missing)
        {
            return $"{file} is not an AdminPortal database (it has no {missing} table).";
        }
        var known = typeof(AppDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (Strings(connection, "SELECT MigrationId FROM __EFMigrationsHistory;").FirstOrDefault(id => !known.Contains(id)) is { } newer)
        {
            return $"{file} was written by a newer AdminPortal (migration {newer} is unknown to this version); restore it with that version.";
        }
        return null;
    }

    /// <summary>Null when <paramref name="file"/> is an SQLite database that passes <c>PRAGMA integrity_check</c>.</summary>
    public static string? SqliteProblem(string file)
    {
        if (!File.Exists(file))
        {
            return $"{file} does not exist.";
        }
        try
        {
            using var connection = Open(file);
            var result = Strings(connection, "PRAGMA integrity_check;").ToList();
            return result is ["ok"] ? null : $"{file} is damaged: integrity_check says {string.Join("; ", result.Take(5))}.";
        }
        catch (SqliteException ex)
        {
            return $"{file} is not a readable SQLite database ({ex.Message}).";
        }
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection(SqliteCopy.Unpooled(file, SqliteOpenMode.ReadOnly));
        connection.Open();
        return connection;
    }

    private static IEnumerable<string> Strings(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }
}
