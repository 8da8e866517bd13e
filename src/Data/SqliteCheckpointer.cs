using Microsoft.Data.Sqlite;

namespace AdminPortal.Data;

/// <summary>
/// Copies the write-ahead log back into the database file twice a second, on its own connection. SQLite's default
/// (the committing writer checkpoints every 1000 pages) put that copy and its fsyncs inside ingest transactions: with
/// events spread over many users a 1000-event batch dirties a few thousand pages, so nearly every batch paid for a
/// checkpoint while holding the write lock. A passive checkpoint here never blocks writers or readers; writers only
/// checkpoint themselves past <see cref="SqliteDatabase.BackstopCheckpointPages"/>.
/// </summary>
internal sealed class SqliteCheckpointer(SqliteDatabase database, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CheckpointAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
            {
                // Writers fall back to their own checkpoints at the backstop; try again on the next tick.
                logger.LogWarning(ex, "WAL checkpoint failed; retrying in {Interval}.", Interval);
            }
        }
    }

    /// <summary>One passive checkpoint; returns the WAL's frames and how many of them are now in the database file.</summary>
    public async Task<(long Frames, long Checkpointed)> CheckpointAsync(CancellationToken ct)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return (0, 0);
        }
        // Columns: busy, log (frames in the WAL), checkpointed (frames copied); -1 when the database is not in WAL mode.
        return (Math.Max(0, reader.GetInt64(1)), Math.Max(0, reader.GetInt64(2)));
    }
}
