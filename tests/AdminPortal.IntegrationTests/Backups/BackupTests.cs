using AdminPortal.Features.Backups;
using AdminPortal.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Backups;

/// <summary>Backups of the real SQLite file of a running app, made through the recurring job's own entry or Hangfire itself.</summary>
public sealed class BackupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: backups copy the SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task Backup_WhileIngestWrites_IsASoundSnapshotOfWholeBatches()
    {
        await using var factory = new IftttFactory();
        var (userId, _) = await factory.CreateLinkedUserAsync();
        const int batchSize = 20;
        using var stop = new CancellationTokenSource();
        var batches = 0;
        var writer = Task.Run(async () =>
        {
            var at = DateTimeOffset.UtcNow.AddDays(-1);
            while (!stop.IsCancellationRequested)
            {
                await factory.IngestAsync(Enumerable.Range(0, batchSize)
                    .Select(i => IftttFactory.DoorEvent(userId, "front", at.AddSeconds(batches * batchSize + i))).ToArray());
                Interlocked.Increment(ref batches);
            }
        }, Ct);
        await IftttFactory.EventuallyAsync(() => Task.FromResult(Volatile.Read(ref batches)), n => n >= 2);

        var counts = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            var backup = await RunJobAsync(factory);
            Assert.Null(BackupCheck.AppDatabaseProblem(backup.Path));
            counts.Add(EventCount(backup.Path, userId));
        }
        stop.Cancel();
        await writer;

        // Each ingest batch is one transaction: a consistent copy holds whole batches only, and never fewer than an earlier copy.
        Assert.All(counts, c => Assert.Equal(0, c % batchSize));
        Assert.Equal(counts.Order(), counts);
        Assert.True(counts[0] >= 2 * batchSize, $"the first copy was taken after two batches, yet holds {counts[0]} events");
        Assert.True(counts[^1] <= Volatile.Read(ref batches) * batchSize);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: backups copy the SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task Backups_BeyondKeep_PruneTheOldest()
    {
        await using var factory = new IftttFactory { Settings = { ["Backups:Keep"] = "2" } };
        _ = factory.CreateClient();

        var made = new List<BackupFile>();
        for (var i = 0; i < 4; i++)
        {
            made.Add(await RunJobAsync(factory));
        }

        var folder = factory.Services.GetRequiredService<BackupFolder>();
        Assert.Equal(Path.Combine(factory.DataDirectory, "backups"), folder.Path); // the default: beside the database file
        Assert.Equal(made.TakeLast(2).Reverse().Select(b => b.Name), folder.List().Select(b => b.Name));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
        Assert.Equal(made.Skip(1).Take(1).Select(b => b.Name), factory.Services.GetRequiredService<DatabaseBackups>().LastOutcome!.Pruned);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: backups copy the SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task RecurringJob_TriggeredInHangfire_WritesABackupAndRecordsSuccess()
    {
        await using var factory = new IftttFactory();
        _ = factory.CreateClient();
        var folder = factory.Services.GetRequiredService<BackupFolder>();

        factory.Services.GetRequiredService<IRecurringJobManager>().Trigger(BackupJob.RecurringId);

        var files = await IftttFactory.EventuallyAsync(() => Task.FromResult(folder.List()), l => l.Count == 1);
        Assert.Single(files);
        var status = await IftttFactory.EventuallyAsync(() => Task.FromResult(factory.Services.GetRequiredService<BackupSchedule>().Read()),
            s => s.LastState == "Succeeded");
        Assert.Equal("Succeeded", status.LastState);
        Assert.NotNull(status.NextRun);
        Assert.Equal(BackupTrigger.Schedule, factory.Services.GetRequiredService<DatabaseBackups>().LastOutcome!.Trigger);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: backups copy the SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task Backups_Disabled_RemoveTheRecurringJobButTheButtonStillWorks()
    {
        await using var factory = new IftttFactory { Settings = { ["Backups:Enabled"] = "false" } };
        _ = factory.CreateClient();

        Assert.False(factory.Services.GetRequiredService<BackupSchedule>().Read().Enabled);
        var outcome = await factory.Services.GetRequiredService<DatabaseBackups>().BackUpAsync(BackupTrigger.Dashboard, Ct);
        Assert.True(outcome.Succeeded, outcome.Error);
    }

    /// <summary>The recurring job's own entry (what Hangfire calls), then the backup it made.</summary>
    internal static async Task<BackupFile> RunJobAsync(AdminPortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BackupJob>().RunAsync(Ct);
        return factory.Services.GetRequiredService<DatabaseBackups>().LastOutcome!.File!;
    }

    private static long EventCount(string file, string userId)
    {
        using var connection = new SqliteConnection(SqliteCopy.Unpooled(file, SqliteOpenMode.ReadOnly));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM TimelineEvents WHERE UserId = $user;";
        command.Parameters.AddWithValue("$user", userId);
        return (long)command.ExecuteScalar()!;
    }
}
