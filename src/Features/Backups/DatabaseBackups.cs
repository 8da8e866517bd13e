using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Backups;

/// <summary>How a backup was asked for.</summary>
public enum BackupTrigger { Schedule, Dashboard }

/// <summary>The result of one backup run, shown on the Backups page.</summary>
public sealed record BackupOutcome(DateTimeOffset At, BackupTrigger Trigger, BackupFile? File, IReadOnlyList<string> Pruned, string? Error)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// Makes a backup: the app database, then Hangfire's file, then prunes to <c>Backups:Keep</c>. One run at a time (the
/// schedule and the button share this singleton); the last outcome is kept for the page.
/// </summary>
public sealed class DatabaseBackups(BackupFolder folder, IOptions<BackupOptions> options, TimeProvider clock, ILogger<DatabaseBackups> logger)
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    /// <summary>The last run in this process (null until one ran since start; the page falls back to Hangfire's record).</summary>
    public BackupOutcome? LastOutcome { get; private set; }

    public async Task<BackupOutcome> BackUpAsync(BackupTrigger trigger, CancellationToken ct)
    {
        await _oneAtATime.WaitAsync(ct);
        try
        {
            var at = clock.GetUtcNow();
            BackupOutcome outcome;
            try
            {
                outcome = await RunAsync(at, trigger, ct);
                logger.LogInformation("Backed up the database to {File} ({Bytes} bytes); pruned {Pruned}.",
                    outcome.File!.Path, outcome.File.Bytes, outcome.Pruned.Count == 0 ? "nothing" : string.Join(", ", outcome.Pruned));
            }
            catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                logger.LogError(ex, "The database backup to {Folder} failed.", folder.Path);
                outcome = new BackupOutcome(at, trigger, null, [], ex.Message);
            }
            LastOutcome = outcome;
            return outcome;
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    private async Task<BackupOutcome> RunAsync(DateTimeOffset at, BackupTrigger trigger, CancellationToken ct)
    {
        if (folder.Database is not { } database)
        {
            throw new InvalidOperationException(folder.Unavailable);
        }
        if (database.InMemory)
        {
            throw new InvalidOperationException("The database is in memory: there is no file to back up.");
        }
        Directory.CreateDirectory(folder.Path);
        folder.DeletePartials();
        var target = Path.Combine(folder.Path, folder.NameFor(at));
        while (File.Exists(target)) // two runs within a millisecond: names stay unique and in order
        {
            at = at.AddMilliseconds(1);
            target = Path.Combine(folder.Path, folder.NameFor(at));
        }
        await SqliteCopy.WriteAsync(database.ConnectionString, target, ct);
        if (folder.HangfireFile is { } hangfire && File.Exists(hangfire))
        {
            await SqliteCopy.WriteAsync(SqliteCopy.Unpooled(hangfire), BackupFolder.HangfireCopyOf(target), ct);
        }
        var pruned = folder.Prune(options.Value.Keep);
        return new BackupOutcome(at, trigger, folder.List().First(b => b.Path == target), pruned, null);
    }
}
