using System.Text.Json;
using AdminPortal.Features.Backups;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace AdminPortal.IntegrationTests.Backups;

/// <summary>
/// The documented restore, end to end: a backup of a running app, <c>AdminPortal restore &lt;file&gt;</c> run as a
/// process into a fresh install (with the Data Protection keys copied, as docs/backups.md says), and the fresh app
/// answering IFTTT's poll with the same real token exactly as before.
/// </summary>
public sealed class RestoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Poll = """{"trigger_identity":"restore-1","triggerFields":{"door":"front"},"limit":50}""";

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: restore puts back an SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task BackupThenRestore_IntoAFreshApp_ServesTheSameTimelineToTheSameToken()
    {
        string before, token, backup, keys;
        await using (var original = new IftttFactory { KeepDataProtectionKeys = true })
        {
            (var userId, token) = await original.CreateLinkedUserAsync();
            var at = DateTimeOffset.UtcNow.AddHours(-1);
            await original.IngestAsync(Enumerable.Range(0, 3).Select(i => IftttFactory.DoorEvent(userId, "front", at.AddMinutes(i))).ToArray());
            await original.IngestAsync(IftttFactory.DoorEvent(userId, "back", at.AddMinutes(5)));
            before = await PollAsync(original, token);
            backup = (await BackupTests.RunJobAsync(original)).Path;
            keys = Path.Combine(original.DataDirectory, "keys");
        }

        var fresh = AdminPortalFactory.NewDataDirectory();
        CopyFolder(keys, Path.Combine(fresh, "keys"));
        var restore = await RestoreAsync(backup, fresh);
        Assert.True(restore.ExitCode == 0, restore.Stderr);
        Assert.Contains($"Restored {Path.Combine(fresh, "adminportal.db")} from {backup}.", restore.Stdout);

        await using var restored = IftttFactory.OverDirectory(fresh);
        restored.KeepDataProtectionKeys = true;
        var after = await PollAsync(restored, token);
        Assert.Equal(3, JsonDocument.Parse(before).RootElement.GetProperty("data").GetArrayLength());
        Assert.Equal(before, after);
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: restore puts back an SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task HangfireInSqlite_IsBackedUpBesideTheDatabaseAndRestoredWithIt()
    {
        BackupFile backup;
        await using (var original = new IftttFactory())
        {
            original.Settings["Hangfire:Storage"] = "Sqlite";
            original.Settings["ConnectionStrings:Hangfire"] = Path.Combine(original.DataDirectory, "hangfire.db");
            _ = original.CreateClient();
            backup = await BackupTests.RunJobAsync(original);
        }
        Assert.Equal(Path.ChangeExtension(backup.Path, null) + ".hangfire.db", backup.HangfirePath);
        Assert.Null(BackupCheck.SqliteProblem(backup.HangfirePath!));
        Assert.Contains("recurring-job:database-backup", Dump(backup.HangfirePath!)); // Hangfire's own record of the job

        var fresh = AdminPortalFactory.NewDataDirectory();
        var restore = await RestoreAsync(backup.Path, fresh, new()
        {
            ["Hangfire__Storage"] = "Sqlite", ["ConnectionStrings__Hangfire"] = Path.Combine(fresh, "hangfire.db"),
        });

        Assert.True(restore.ExitCode == 0, restore.Stderr);
        Assert.Equal(await File.ReadAllBytesAsync(backup.Path, Ct), await File.ReadAllBytesAsync(Path.Combine(fresh, "adminportal.db"), Ct));
        Assert.Equal(await File.ReadAllBytesAsync(backup.HangfirePath!, Ct), await File.ReadAllBytesAsync(Path.Combine(fresh, "hangfire.db"), Ct));
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: restore puts back an SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task Restore_OverADatabaseInUse_IsRefusedAndChangesNothing()
    {
        await using var running = new IftttFactory();
        _ = running.CreateClient();
        var backup = (await BackupTests.RunJobAsync(running)).Path;
        var (laterUser, _) = await running.CreateLinkedUserAsync(); // in the live file, not in the backup

        var restore = await RestoreAsync(backup, running.DataDirectory);

        Assert.True(restore.ExitCode == 1, restore.Stdout + restore.Stderr);
        Assert.StartsWith($"AdminPortal cannot restore: {running.DatabasePath} is in use — stop AdminPortal first", restore.Stderr);
        Assert.Contains(laterUser, Dump(running.DatabasePath));
        Assert.Empty(Directory.GetFiles(running.DataDirectory, "*.before-restore-*"));
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: restore puts back an SQLite file; PostgresBackupsTests covers PostgreSQL (decision 0023)")]
    public async Task Restore_OfAFileThatIsNoAdminPortalDatabase_IsRefusedNamingWhy()
    {
        var folder = AdminPortalFactory.NewDataDirectory();
        Directory.CreateDirectory(folder);
        var garbage = Path.Combine(folder, "garbage.db");
        await File.WriteAllTextAsync(garbage, new string('x', 8192), Ct);
        var other = Path.Combine(folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=false"))
        {
            await connection.OpenAsync(Ct);
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Notes (Id INTEGER PRIMARY KEY);";
            await create.ExecuteNonQueryAsync(Ct);
        }
        var target = AdminPortalFactory.NewDataDirectory();

        var notSqlite = await RestoreAsync(garbage, target);
        var notOurs = await RestoreAsync(other, target);
        var missing = await RestoreAsync(Path.Combine(folder, "nowhere.db"), target);

        Assert.Equal((1, 1, 1), (notSqlite.ExitCode, notOurs.ExitCode, missing.ExitCode));
        Assert.StartsWith($"AdminPortal cannot restore: {garbage} is not a readable SQLite database", notSqlite.Stderr);
        Assert.StartsWith($"AdminPortal cannot restore: {other} is not an AdminPortal database (it has no __EFMigrationsHistory table).", notOurs.Stderr);
        Assert.StartsWith("AdminPortal cannot restore: ", missing.Stderr);
        Assert.False(File.Exists(Path.Combine(target, "adminportal.db")));
    }

    private static async Task<string> PollAsync(IftttFactory factory, string token)
    {
        using var response = await factory.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json(Poll), Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"poll answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary><c>AdminPortal restore &lt;file&gt;</c> into the install whose data lives in <paramref name="dataDirectory"/>.</summary>
    private static Task<AppProcess.Result> RestoreAsync(string backup, string dataDirectory, Dictionary<string, string>? environment = null)
    {
        Directory.CreateDirectory(dataDirectory);
        environment ??= [];
        environment["ConnectionStrings__AdminPortal"] = $"Data Source={Path.Combine(dataDirectory, "adminportal.db")}";
        return AppProcess.RunAsync(["restore", backup, "--contentRoot", dataDirectory], environment, dataDirectory);
    }

    /// <summary>Every text value of every table, for a quick "is it in there".</summary>
    private static string Dump(string file)
    {
        using var connection = new SqliteConnection(SqliteCopy.Unpooled(file, SqliteOpenMode.ReadOnly));
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table';";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\";";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    text.Append(reader.GetValue(i)).Append('|');
                }
            }
        }
        return text.ToString();
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }
    }
}
