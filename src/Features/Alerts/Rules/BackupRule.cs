using AdminPortal.Data;
using AdminPortal.Features.Backups;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Alerts.Rules;

/// <summary>
/// With scheduled backups on, the newest backup must be younger than the limit. A fresh install has none yet: that
/// counts only once the database itself is older than the limit, so the first night's backup is waited for.
/// </summary>
internal sealed class BackupRule(IOptions<AlertOptions> options, IOptions<BackupOptions> backups, BackupFolder folder) : IAlertRule
{
    public string Name => AlertRuleNames.Backup;
    public bool Enabled => options.Value.Rules.Backup.Enabled && backups.Value.Enabled && folder.Database is { InMemory: false }; // PostgreSQL is backed up with pg_dump, outside the app

    public Task<IReadOnlyList<AlertCondition>> EvaluateAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var limit = TimeSpan.FromHours(options.Value.Rules.Backup.MaxAgeHours);
        var newest = folder.List().FirstOrDefault();
        var since = newest?.CreatedAt ?? new DateTimeOffset(File.GetCreationTimeUtc(folder.Database!.FilePath), TimeSpan.Zero);
        if (now - since <= limit)
        {
            return Task.FromResult<IReadOnlyList<AlertCondition>>([]);
        }
        var summary = newest is null
            ? $"There is no backup in {folder.Path} (limit {limit.TotalHours:0} h)."
            : $"The newest backup, {newest.Name}, is {(int)(now - newest.CreatedAt).TotalHours} h old (limit {limit.TotalHours:0} h).";
        return Task.FromResult<IReadOnlyList<AlertCondition>>(
        [
            new("", summary,
                "Open Backups in the dashboard: the last outcome says why the scheduled backup failed (disk full, folder not writable) and Jobs shows the backup job; press Back up now once it is fixed."),
        ]);
    }
}
