using System.Globalization;
using System.Text.RegularExpressions;
using AdminPortal.Data;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Backups;

/// <summary>One backup: the app database's copy and, when Hangfire keeps its jobs in SQLite, the copy of that file.</summary>
public sealed record BackupFile(string Name, string Path, DateTimeOffset CreatedAt, long Bytes, string? HangfirePath, long? HangfireBytes);

/// <summary>
/// The backup folder and its naming: <c>adminportal-20261204T023000123Z.db</c> (the database file's name and the UTC
/// time it was taken) with <c>adminportal-20261204T023000123Z.hangfire.db</c> beside it. Names sort by time, so the
/// folder needs no index; a copy still being written has a <c>.partial</c> name and is never listed.
/// </summary>
public sealed partial class BackupFolder
{
    public const string PartialSuffix = ".partial";
    public const string HangfireSuffix = ".hangfire.db";
    private const string StampFormat = "yyyyMMdd'T'HHmmssfff'Z'";

    private readonly string _stem;

    /// <summary>Why backups cannot be made here (the app is not on SQLite), shown on the page and as a run's error.</summary>
    public const string PostgresUnavailable =
        "Backups copy the SQLite file; this AdminPortal runs on PostgreSQL. Back that database up with pg_dump (docs/backups.md).";

    /// <summary><paramref name="database"/> is null when the app runs on PostgreSQL (no SQLite file to copy).</summary>
    public BackupFolder(IOptions<BackupOptions> options, IHostEnvironment environment, IConfiguration configuration, SqliteDatabase? database = null)
    {
        Database = database;
        Path = database is null
            ? System.IO.Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.Folder) ? "data/backups" : options.Value.Folder, environment.ContentRootPath)
            : Resolve(options.Value, database, environment.ContentRootPath);
        HangfireFile = JobStorageSetup.SqliteFile(configuration, environment.ContentRootPath);
        _stem = database is null ? "adminportal" : System.IO.Path.GetFileNameWithoutExtension(database.FilePath);
    }

    public string Path { get; }
    public SqliteDatabase? Database { get; }

    /// <summary>Null when backups can be made; otherwise why not.</summary>
    public string? Unavailable => Database is null ? PostgresUnavailable : null;

    /// <summary>Hangfire's SQLite file, or null when its storage is in memory (nothing to copy).</summary>
    public string? HangfireFile { get; }

    /// <summary><c>Backups:Folder</c> against the content root; empty means a <c>backups</c> folder beside the database file.</summary>
    public static string Resolve(BackupOptions options, SqliteDatabase database, string contentRoot) =>
        string.IsNullOrWhiteSpace(options.Folder)
            ? System.IO.Path.Combine(System.IO.Path.GetDirectoryName(database.FilePath) ?? contentRoot, "backups")
            : System.IO.Path.GetFullPath(options.Folder, contentRoot);

    public string NameFor(DateTimeOffset at) => $"{_stem}-{at.UtcDateTime.ToString(StampFormat, CultureInfo.InvariantCulture)}.db";

    /// <summary>The Hangfire copy that belongs to an app database backup.</summary>
    public static string HangfireCopyOf(string backupPath) => System.IO.Path.ChangeExtension(backupPath, null) + HangfireSuffix;

    /// <summary>Every complete backup in the folder, newest first.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!Directory.Exists(Path))
        {
            return [];
        }
        var backups = new List<BackupFile>();
        foreach (var file in new DirectoryInfo(Path).EnumerateFiles($"{_stem}-*.db"))
        {
            if (Stamp().Match(file.Name) is not { Success: true } match || !DateTime.TryParseExact(match.Groups["stamp"].Value, StampFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
            {
                continue;
            }
            var hangfire = new FileInfo(HangfireCopyOf(file.FullName));
            backups.Add(new BackupFile(file.Name, file.FullName, new DateTimeOffset(at, TimeSpan.Zero), file.Length,
                hangfire.Exists ? hangfire.FullName : null, hangfire.Exists ? hangfire.Length : null));
        }
        return [.. backups.OrderByDescending(b => b.CreatedAt)];
    }

    /// <summary>Deletes every backup beyond the newest <paramref name="keep"/> (with its Hangfire copy); returns their names.</summary>
    public IReadOnlyList<string> Prune(int keep)
    {
        var old = List().Skip(keep).ToList();
        foreach (var backup in old)
        {
            File.Delete(backup.Path);
            if (backup.HangfirePath is not null)
            {
                File.Delete(backup.HangfirePath);
            }
        }
        return [.. old.Select(b => b.Name)];
    }

    /// <summary>Copies a run left half-written when the process stopped mid-backup; nothing else writes these names.</summary>
    public void DeletePartials()
    {
        foreach (var file in Directory.EnumerateFiles(Path, "*" + PartialSuffix))
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"-(?<stamp>\d{8}T\d{9}Z)\.db$")]
    private static partial Regex Stamp();
}
