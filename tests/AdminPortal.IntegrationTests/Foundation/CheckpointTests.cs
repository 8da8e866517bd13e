using AdminPortal.Data;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Foundation;

/// <summary>The WAL is copied back into the database file by the background checkpointer, not by the writing request.</summary>
public sealed class CheckpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: WAL checkpoints are SQLite's (decision 0023)")]
    public async Task Ingest_WalReachesTheDatabaseFileThroughTheBackgroundCheckpointer()
    {
        await using var app = new IftttFactory();
        var (userId, _) = await app.CreateLinkedUserAsync();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.Database.OpenConnectionAsync(Ct);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA wal_autocheckpoint;";
            var autoCheckpoint = (long)(await command.ExecuteScalarAsync(Ct))!;
            // Writers only checkpoint far past what this test writes, so a growing file means the service did it.
            Assert.Equal(SqliteDatabase.BackstopCheckpointPages, autoCheckpoint);
        }
        var before = new FileInfo(app.DatabasePath).Length;

        var start = DateTimeOffset.UtcNow.AddDays(-1);
        await app.IngestAsync(Enumerable.Range(0, 1000).Select(i => IftttFactory.DoorEvent(userId, $"door{i % 7}", start.AddSeconds(i))).ToArray());

        var after = await IftttFactory.EventuallyAsync(() => Task.FromResult(new FileInfo(app.DatabasePath).Length), length => length > before + 256 * 1024);
        Assert.True(after > before + 256 * 1024, $"database file {before} → {after} bytes");
    }
}
