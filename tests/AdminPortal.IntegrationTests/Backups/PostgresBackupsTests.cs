using AdminPortal.Features.Backups;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Backups;

/// <summary>On PostgreSQL backups are pg_dump's job: AdminPortal says so instead of failing at 02:30 (decision 0023).</summary>
public sealed class PostgresBackupsTests
{
    private const string Reason = "PostgreSQL only: on SQLite BackupTests and RestoreTests make and restore real backups";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = Reason)]
    public async Task BackUpNow_OnPostgres_RefusesPointingAtPgDumpAndNothingIsScheduled()
    {
        await using var factory = new IftttFactory();
        _ = factory.CreateClient();

        var outcome = await factory.Services.GetRequiredService<DatabaseBackups>().BackUpAsync(BackupTrigger.Dashboard, Ct);

        Assert.False(outcome.Succeeded);
        Assert.Equal(BackupFolder.PostgresUnavailable, outcome.Error);
        Assert.Contains("pg_dump", factory.Services.GetRequiredService<BackupFolder>().Unavailable);
        Assert.False(factory.Services.GetRequiredService<BackupSchedule>().Read().Enabled);
        Assert.False(Directory.Exists(factory.Services.GetRequiredService<BackupFolder>().Path));
    }

    // Refused before any connection is made, so it runs on the SQLite run too.
    [Fact]
    public async Task Restore_OnPostgres_IsRefusedPointingAtPgRestore()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        Directory.CreateDirectory(directory);
        var backup = Path.Combine(directory, "adminportal-20261204T023000123Z.db");
        await File.WriteAllBytesAsync(backup, [], Ct);

        var restore = await AppProcess.RunAsync(["restore", backup, "--contentRoot", directory], new()
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__AdminPortal"] = "Host=127.0.0.1;Database=never_contacted",
        }, directory);

        Assert.Equal(1, restore.ExitCode);
        Assert.StartsWith("AdminPortal cannot restore: Database:Provider is not Sqlite", restore.Stderr);
        Assert.Contains("pg_restore", restore.Stderr);
    }
}
