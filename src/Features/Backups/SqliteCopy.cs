using Microsoft.Data.Sqlite;

namespace AdminPortal.Features.Backups;

/// <summary>
/// A consistent copy of a live SQLite file. <c>VACUUM INTO</c> reads one snapshot (a read transaction: in WAL mode
/// writers go on meanwhile) and writes it compacted, WAL content included, as a single file. It goes to a
/// <c>.partial</c> name first and is renamed when complete, so a crash never leaves something that looks like a backup.
/// </summary>
public static class SqliteCopy
{
    public static async Task WriteAsync(string sourceConnectionString, string target, CancellationToken ct)
    {
        var partial = target + BackupFolder.PartialSuffix;
        File.Delete(partial); // VACUUM INTO refuses an existing file
        try
        {
            await using (var connection = new SqliteConnection(sourceConnectionString))
            {
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "VACUUM INTO $target;";
                command.Parameters.AddWithValue("$target", partial);
                // A big database takes a while to copy; the command timeout is also Microsoft.Data.Sqlite's busy wait.
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(ct);
            }
            File.Move(partial, target, overwrite: false);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    /// <summary>A connection string to a file this process does not otherwise use (Hangfire's, a backup): not pooled.</summary>
    public static string Unpooled(string file, SqliteOpenMode mode = SqliteOpenMode.ReadWrite) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = false }.ToString();
}
