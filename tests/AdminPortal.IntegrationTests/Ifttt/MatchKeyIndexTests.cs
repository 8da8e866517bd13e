using System.Net;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Timelines;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ifttt;

/// <summary>The poll's index (EventMatchKeys) as stored: its table layout, and its rebuild when the declared fields change.</summary>
public sealed class MatchKeyIndexTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: reads sqlite_master for the WITHOUT ROWID table (decision 0023)")]
    public async Task Migrations_EventMatchKeysIsWithoutRowidAndEventsHaveNoUserIndex()
    {
        await using var app = new IftttFactory();
        _ = app.Server;

        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT "sql" FROM sqlite_master WHERE "name" = 'EventMatchKeys';""";
        Assert.EndsWith("WITHOUT ROWID", ((string)(await command.ExecuteScalarAsync(Ct))!).Trim());
        command.CommandText = """SELECT count(*) FROM sqlite_master WHERE "type" = 'index' AND "tbl_name" = 'TimelineEvents' AND "sql" LIKE '%("UserId", "Trigger", "OccurredAt"%';""";
        Assert.Equal(0L, await command.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task FieldAddedToTrigger_EventsStoredBeforeAnswerTheNewFilterAfterRestart()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        string userId, token;
        List<string> ids;
        await using (var before = IftttFactory.OverDirectory(directory))
        {
            (userId, token) = await before.CreateLinkedUserAsync();
            ids = await before.IngestAsync(new[]
            {
                IftttFactory.DoorEvent(userId, "front", at, room: "hall"),
                IftttFactory.DoorEvent(userId, "front", at.AddMinutes(1), room: "garage"),
            });
        }

        await using var after = IftttFactory.OverDirectory(directory);
        // door_opened gains an optional "room" field: a filter shape the stored keys were not written for.
        after.Settings["Service:Triggers:0:Fields:1:Slug"] = "room";
        after.Settings["Service:Triggers:0:Fields:1:Label"] = "Which room (empty: any)";
        after.Settings["Service:Triggers:0:Fields:1:Required"] = "false";
        after.Settings["Service:Triggers:0:Fields:1:Kind"] = "text";
        var client = after.IftttClient(token);

        var hall = await PollAsync(client, """{"trigger_identity":"hall-front","triggerFields":{"door":"front","room":"hall"}}""");
        var any = await PollAsync(client, """{"trigger_identity":"any-front","triggerFields":{"door":"front","room":""}}""");

        Assert.Equal([ids[0]], hall);
        Assert.Equal([ids[1], ids[0]], any);
        Assert.Contains(after.Logs.Lines, l => l.Contains("rebuilding", StringComparison.OrdinalIgnoreCase));
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsSqlite), SkipType = typeof(TestDatabase), Skip = "SQLite only: migrates down to SQLite's pre-TimelineIndex schema; PostgreSQL's history starts after it (decision 0023)")]
    public async Task Upgrade_EventsStoredBeforeTheTimelineIndexMigration_SurviveAndStillPoll()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        string token;
        List<string> ids;
        await using (var before = IftttFactory.OverDirectory(directory))
        {
            (var userId, token) = await before.CreateLinkedUserAsync();
            ids = await before.IngestAsync(new[] { IftttFactory.DoorEvent(userId, "front", at), IftttFactory.DoorEvent(userId, "front", at.AddMinutes(1)) });
            // Back to the schema an existing install has (rowid match keys, the user index, no index state); rows come along.
            await using var scope = before.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().GetService<IMigrator>().MigrateAsync("Dashboard", Ct);
        }

        await using var after = IftttFactory.OverDirectory(directory); // migrates up again and rebuilds the keys
        var polled = await PollAsync(after.IftttClient(token), """{"trigger_identity":"front","triggerFields":{"door":"front"}}""");

        Assert.Equal([ids[1], ids[0]], polled);
        Assert.Contains(after.Logs.Lines, l => l.Contains("rebuilding", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Restart_SameFields_KeysAreLeftAlone()
    {
        var directory = AdminPortalFactory.NewDataDirectory();
        await using (var first = IftttFactory.OverDirectory(directory))
        {
            var (userId, _) = await first.CreateLinkedUserAsync();
            await first.IngestAsync(IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow));
        }
        await using var second = IftttFactory.OverDirectory(directory);
        _ = second.Server;

        await using var scope = second.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(2, await db.Set<EventMatchKey>().CountAsync(Ct)); // the door filter and the whole timeline
        Assert.DoesNotContain(second.Logs.Lines, l => l.Contains("rebuilding", StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<List<string>> PollAsync(HttpClient client, string body)
    {
        var json = await HttpAssert.JsonAsync(await client.PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json(body), Ct), HttpStatusCode.OK);
        return [.. json.GetProperty("data").EnumerateArray().Select(e => e.GetProperty("meta").GetProperty("id").GetString()!)];
    }
}
