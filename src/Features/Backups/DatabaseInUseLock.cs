using AdminPortal.Data;

namespace AdminPortal.Features.Backups;

/// <summary>
/// While AdminPortal runs it holds <c>&lt;database&gt;.lock</c> open exclusively, so <c>restore</c> can tell that the
/// database is in use: SQLite's own locks cannot, since an idle WAL connection holds none on the database file. An
/// exclusive open is a share-mode lock on Windows and an advisory <c>flock</c> elsewhere; the OS drops it when the
/// process ends, however it ends.
/// </summary>
internal sealed class DatabaseInUseLock(SqliteDatabase database, ILogger<DatabaseInUseLock> logger) : IHostedService, IDisposable
{
    private FileStream? _held;

    public static string PathFor(string databaseFile) => databaseFile + ".lock";

    /// <summary>The lock file opened exclusively, or null when another process holds it.</summary>
    public static FileStream? TryTake(string databaseFile)
    {
        try
        {
            return new FileStream(PathFor(databaseFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!database.InMemory)
        {
            _held = TryTake(database.FilePath);
            if (_held is null)
            {
                logger.LogWarning("Another process holds {Lock}: is a second AdminPortal running on the same database?", PathFor(database.FilePath));
            }
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _held?.Dispose();
        _held = null;
    }
}
