using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Backups;

/// <summary>The recurring backup as Hangfire knows it: its cron, next run, and last run's state (which survives restarts).</summary>
public sealed record BackupScheduleStatus(bool Enabled, string Cron, DateTimeOffset? NextRun, DateTimeOffset? LastRun, string? LastState, string? Error);

public sealed class BackupSchedule(JobStorage storage, IOptions<BackupOptions> options)
{
    public BackupScheduleStatus Read()
    {
        var configured = options.Value;
        using var connection = storage.GetConnection();
        var job = connection.GetRecurringJobs([BackupJob.RecurringId]).FirstOrDefault(j => !j.Removed);
        return new BackupScheduleStatus(configured.Enabled && job is not null, configured.Schedule,
            Utc(job?.NextExecution), Utc(job?.LastExecution), job?.LastJobState, job?.Error);
    }

    private static DateTimeOffset? Utc(DateTime? time) =>
        time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
}
