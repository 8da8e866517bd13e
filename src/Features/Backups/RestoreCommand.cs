using System.Globalization;
using AdminPortal.Data;
using AdminPortal.Features.Secrets;
using AdminPortal.Shared;

namespace AdminPortal.Features.Backups;

/// <summary>
/// <c>dotnet run -- restore &lt;backup file&gt; [--key=value …]</c>: checks the backup, refuses while AdminPortal runs on
/// the database, keeps the current database as <c>&lt;db&gt;.before-restore-&lt;time&gt;</c>, then puts the backup in its
/// place (and Hangfire's copy beside it, when there is one). Reads the same configuration as the app, so
/// <c>ConnectionStrings:AdminPortal</c> and <c>ConnectionStrings:Hangfire</c> name the files to replace.
/// </summary>
public static class RestoreCommand
{
    public const string Name = "restore";

    /// <summary>True for <c>restore &lt;file&gt; …</c>; the remaining arguments are the host's (configuration overrides).</summary>
    public static bool TryParse(string[] args, out string file, out string[] hostArgs)
    {
        var matched = args is [Name, var path, ..] && !path.StartsWith("--", StringComparison.Ordinal);
        file = matched ? args[1] : "";
        hostArgs = matched ? args[2..] : args;
        return matched;
    }

    public static int Run(string file, string[] hostArgs)
    {
        var builder = WebApplication.CreateBuilder(hostArgs);
        builder.AddConfigInclude();
        var contentRoot = builder.Environment.ContentRootPath;
        if (DatabaseProvider.Of(builder.Configuration) != DatabaseProvider.Sqlite)
        {
            return Refuse($"{DatabaseExtensions.ProviderKey} is not Sqlite: restore puts back an SQLite file. On PostgreSQL, restore a pg_dump with pg_restore.");
        }
        var database = SqliteDatabase.Prepare(builder.Configuration[DatabaseExtensions.ConnectionStringKey], contentRoot);
        if (database.InMemory)
        {
            return Refuse($"{DatabaseExtensions.ConnectionStringKey} names an in-memory database: there is no file to restore into.");
        }

        var backup = Path.GetFullPath(file);
        var hangfireBackup = BackupFolder.HangfireCopyOf(backup);
        var hangfireTarget = File.Exists(hangfireBackup) ? JobStorageSetup.SqliteFile(builder.Configuration, contentRoot) : null;
        if (File.Exists(hangfireBackup) && hangfireTarget is null)
        {
            Console.WriteLine($"Not restoring {hangfireBackup}: {JobStorageSetup.StorageKey} is not Sqlite here.");
        }
        if (BackupCheck.AppDatabaseProblem(backup) is { } problem)
        {
            return Refuse(problem);
        }
        if (hangfireTarget is not null && BackupCheck.SqliteProblem(hangfireBackup) is { } hangfireProblem)
        {
            return Refuse(hangfireProblem);
        }
        // Held until the swap is done: a second restore is refused meanwhile, and an AdminPortal started meanwhile warns.
        using var inUse = DatabaseInUseLock.TryTake(database.FilePath);
        if (inUse is null)
        {
            return Refuse($"{database.FilePath} is in use — stop AdminPortal first, then run the restore again.");
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        Replace(backup, database.FilePath, stamp);
        if (hangfireTarget is not null)
        {
            Replace(hangfireBackup, hangfireTarget, stamp);
        }
        Console.WriteLine("Start AdminPortal as usual: migrations newer than the backup are applied at start. It needs the same " +
                          $"Data Protection keys ({SecretsExtensions.KeysPathKey}) to read the stored service key and product tokens.");
        return 0;
    }

    /// <summary>
    /// Moves what was there aside (with its WAL, which SQLite reads again when the kept file is opened under its new
    /// name — this works for a damaged file too), then swaps the backup in under the database's name.
    /// </summary>
    private static void Replace(string backup, string target, string stamp)
    {
        var incoming = target + ".restoring";
        File.Copy(backup, incoming, overwrite: true);
        if (File.Exists(target))
        {
            var previous = $"{target}.before-restore-{stamp}";
            File.Move(target, previous);
            if (File.Exists(target + "-wal"))
            {
                File.Move(target + "-wal", previous + "-wal");
            }
            Console.WriteLine($"Kept the previous {Path.GetFileName(target)} as {previous}.");
        }
        // Left beside the restored file, the old WAL and its index would be replayed into it.
        File.Delete(target + "-wal");
        File.Delete(target + "-shm");
        File.Move(incoming, target);
        Console.WriteLine($"Restored {target} from {backup}.");
    }

    private static int Refuse(string problem)
    {
        Console.Error.WriteLine($"AdminPortal cannot restore: {problem}");
        return 1;
    }
}
