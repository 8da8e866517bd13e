using AdminPortal.Data;
using Hangfire.Storage.SQLite;

namespace AdminPortal.IntegrationTests.Foundation;

/// <summary>The run lock on the job storage the app runs by default: Hangfire's SQLite file.</summary>
public sealed class JobRunLockTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"adminportal-lock-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task TakenAcrossAwaits_HeldAgainstOthersUntilDisposed_ThenFreeAgain()
    {
        var storage = new SQLiteStorage(_file, new SQLiteStorageOptions());

        var first = await JobRunLock.TryTakeAsync(storage, "test:run");
        Assert.NotNull(first);
        // An async job resumes on other threads: the storage counts locks per thread, the lock must not care.
        await Task.Run(async () => await Task.Yield(), TestContext.Current.CancellationToken);
        Assert.Null(await JobRunLock.TryTakeAsync(storage, "test:run"));
        using (var other = await JobRunLock.TryTakeAsync(storage, "test:other"))
        {
            Assert.NotNull(other);
        }

        await Task.Run(first.Dispose, TestContext.Current.CancellationToken);

        using var second = await JobRunLock.TryTakeAsync(storage, "test:run");
        Assert.NotNull(second);
    }

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
        {
            File.Delete(file);
        }
    }
}
