using System.Text.Json;
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

    [Fact]
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

    [Fact]
    public async Task Restore_OverADatabaseInUse_IsRefusedAndChangesNothing()
    {
        await using var running = new IftttFactory();
        _ = running.CreateClient();
        var backup = (await BackupTests.RunJobAsync(running)).Path;
        var size = new FileInfo(running.DatabasePath).Length;

        var restore = await RestoreAsync(backup, running.DataDirectory);

        Assert.True(restore.ExitCode == 1, restore.Stdout + restore.Stderr);
        Assert.StartsWith($"AdminPortal cannot restore: {running.DatabasePath} is in use — stop AdminPortal first", restore.Stderr);
        Assert.Equal(size, new FileInfo(running.DatabasePath).Length);
        Assert.Empty(Directory.GetFiles(running.DataDirectory, "*.before-restore-*"));
    }

    [Fact]
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
    private static Task<AppProcess.Result> RestoreAsync(string backup, string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        return AppProcess.RunAsync(["restore", backup, "--contentRoot", dataDirectory], new()
        {
            ["ConnectionStrings__AdminPortal"] = $"Data Source={Path.Combine(dataDirectory, "adminportal.db")}",
        }, dataDirectory);
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
