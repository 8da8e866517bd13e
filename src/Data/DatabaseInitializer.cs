using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Data;

/// <summary>
/// Applies migrations, then every feature's <see cref="IStartupTask"/>. A hosted service rather than
/// code after <c>Build()</c> so it also runs under WebApplicationFactory; registered before the
/// Hangfire server and Kestrel, so nothing touches the database before it is current.
/// </summary>
internal sealed class DatabaseInitializer(IServiceProvider services, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await SqliteDatabase.EnableWriteAheadLogAsync(db, cancellationToken);
        }
        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {Count} database migration(s): {Migrations}", pending.Count, string.Join(", ", pending));
        }

        // Several instances on one PostgreSQL database start at once (a deploy): the tasks create rows that must exist
        // once (the bootstrap admin, the IFTTT client), so they take turns, and the later ones find the work done. EF's
        // own migration lock already covers MigrateAsync (which may have to create the database this lock lives in).
        await using var turn = services.GetService<PostgresDatabase>() is { } postgres
            ? await PostgresAdvisoryLock.TakeAsync(postgres, PostgresAdvisoryLock.Space.StartupTasks, "startup", Timeout.InfiniteTimeSpan, cancellationToken)
            : null;
        foreach (var task in scope.ServiceProvider.GetServices<IStartupTask>())
        {
            await task.RunAsync(scope.ServiceProvider, cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
