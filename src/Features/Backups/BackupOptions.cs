using System.ComponentModel.DataAnnotations;

namespace AdminPortal.Features.Backups;

/// <summary><c>Backups</c>: where the online copies of the SQLite files go, how many are kept, and when they are made.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backups";
    public const string FolderKey = Section + ":" + nameof(Folder);
    public const string ScheduleKey = Section + ":" + nameof(Schedule);

    /// <summary><c>false</c>: no recurring backup (the dashboard's "Back up now" still works).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Empty: a <c>backups</c> folder beside the database file. Relative paths resolve against the content root.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Backups kept; after each new one the oldest beyond this are deleted.</summary>
    [Range(1, 1000)]
    public int Keep { get; set; } = 7;

    /// <summary>Cron of the recurring backup (checked at start by Hangfire's parser); daily at 02:30 UTC by default.</summary>
    [Required]
    public string Schedule { get; set; } = "30 2 * * *";
}
