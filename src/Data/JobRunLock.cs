using Hangfire;
using Hangfire.Storage;

namespace AdminPortal.Data;

/// <summary>
/// A job storage's distributed lock, taken without waiting and held by a thread of its own. Hangfire.Storage.SQLite
/// counts its locks per thread (a ThreadLocal) and releases one only on the thread that took it: an async job resumes
/// on another thread, so a lock taken in its body would never be released and its heartbeat would keep it alive for
/// good. Holding it on one dedicated thread is right for every storage.
/// </summary>
public sealed class JobRunLock : IDisposable
{
    private readonly ManualResetEventSlim _release;
    private readonly Thread _owner;

    private JobRunLock(ManualResetEventSlim release, Thread owner)
    {
        _release = release;
        _owner = owner;
    }

    /// <summary>The lock on <paramref name="resource"/>, or null when someone (any instance) holds it now.</summary>
    public static async Task<JobRunLock?> TryTakeAsync(JobStorage storage, string resource)
    {
        var taken = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new ManualResetEventSlim();
        var owner = new Thread(() => Hold(storage, resource, taken, release)) { IsBackground = true, Name = $"lock {resource}" };
        owner.Start();
        if (await taken.Task)
        {
            return new JobRunLock(release, owner);
        }
        owner.Join();
        release.Dispose();
        return null;
    }

    private static void Hold(JobStorage storage, string resource, TaskCompletionSource<bool> taken, ManualResetEventSlim release)
    {
        try
        {
            using var connection = storage.GetConnection();
            IDisposable held;
            try
            {
                held = connection.AcquireDistributedLock(resource, TimeSpan.Zero);
            }
            catch (DistributedLockTimeoutException)
            {
                taken.SetResult(false);
                return;
            }
            using (held)
            {
                taken.SetResult(true);
                release.Wait();
            }
        }
#pragma warning disable CA1031 // an exception on this thread would end the process: hand it to the caller instead
        catch (Exception e) when (taken.TrySetException(e))
#pragma warning restore CA1031
        {
        }
    }

    public void Dispose()
    {
        _release.Set();
        _owner.Join();
        _release.Dispose();
    }
}
