using Hangfire;

namespace AdminPortal.Features.Backups;

/// <summary>The recurring backup (<c>Backups:Schedule</c>). A failed run fails the Hangfire job, so the Jobs dashboard shows it too.</summary>
public sealed class BackupJob(DatabaseBackups backups)
{
    public const string RecurringId = "database-backup";

    // A failed backup waits for its next scheduled run (or the button) rather than retrying into a full disk.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        var outcome = await backups.BackUpAsync(BackupTrigger.Schedule, ct);
        if (!outcome.Succeeded)
        {
            throw new BackupFailedException(outcome.Error!);
        }
    }
}

public sealed class BackupFailedException(string message) : Exception($"The database backup failed: {message}");
