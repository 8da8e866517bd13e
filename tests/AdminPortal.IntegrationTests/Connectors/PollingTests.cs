using System.Diagnostics;
using AdminPortal.Features.Connectors.Polling;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Connectors;

/// <summary>
/// The polling connector against a product on its own Kestrel port, run through the recurring job's own code
/// (<see cref="ConnectorPollJob.RunAsync"/>), with IFTTT's poll and the fake Realtime API as the observers.
/// </summary>
public sealed class PollingTests : IAsyncLifetime
{
    private FakeIftttRealtime _realtime = null!;
    private StandInEventsProduct _product = null!;
    private ConnectorFactory _app = null!;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _realtime = await FakeIftttRealtime.StartAsync();
        _product = await StandInEventsProduct.StartAsync();
        _app = new ConnectorFactory(_realtime, _product.BaseUrl);
    }

    [Fact]
    public async Task Poll_NewProductEvent_ReachesIftttPollAndRealtimeWithinOneInterval()
    {
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        var first = _product.OpenDoor(subject, "front");
        _product.OpenDoor(subject, "back"); // stored too, but matches no identity

        var run = await RunJobAsync();

        Assert.Equal(2, Assert.Single(run).Stored);
        var polled = await _app.PollDoorOpenedAsync(token, "alice-front", "front");
        Assert.Equal(["front"], polled.Select(e => e.Door));
        Assert.Equal(["alice-front"], Assert.Single(await _realtime.WaitForCallsAsync(1, TimeSpan.FromSeconds(10))).Entries());
        // From the beginning, then on from the new cursor until a page comes back empty.
        Assert.Equal(["?after=&limit=50", "?after=evt_000002&limit=50"], _product.Calls.Select(c => c.Query));

        // Within the interval nobody is asked again; after it, from the cursor on.
        Assert.Empty(await RunJobAsync());
        var second = _product.OpenDoor(subject, "front");
        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);
        Assert.Equal(1, Assert.Single(await RunJobAsync()).Stored);
        Assert.Equal(["?after=evt_000002&limit=50", "?after=evt_000003&limit=50"], _product.Calls.Skip(2).Select(c => c.Query));
        Assert.Equal(2, (await _app.PollDoorOpenedAsync(token, "alice-front", "front")).Count);
        Assert.Equal([first, "evt_000002", second], (await _app.EventsAsync(userId)).Select(e => e.SourceId));
    }

    [Fact]
    public async Task RecurringJob_ScheduledEverySecond_NewEventReachesIftttWithinOneInterval()
    {
        // The schedule Hangfire runs (seconds-based cron), not a direct call: the production path end to end.
        _app.Settings["Jobs:Schedules:connector-poll"] = "* * * * * *";
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        var opened = Stopwatch.StartNew();
        _product.OpenDoor(subject, "front");

        var polled = await IftttFactory.EventuallyAsync(() => _app.PollDoorOpenedAsync(token, "alice-front", "front"), e => e.Count == 1);

        Assert.Single(polled);
        Assert.Equal(["alice-front"], Assert.Single(await _realtime.WaitForCallsAsync(1, TimeSpan.FromSeconds(10))).Entries());
        // Poll:Interval is 2 s and the job runs every second: at most one interval plus a run's scheduling slack.
        Assert.True(opened.Elapsed < TimeSpan.FromSeconds(6), $"took {opened.Elapsed}");
    }

    [Fact]
    public async Task Run_WhileAnotherRunIsUnderWay_EndsWithNothingFetched_TheNextRunPolls()
    {
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        _product.OpenDoor(subject, "front");

        // Another run (here: the test, as a second worker or instance would) holds the run lock.
        var other = await AdminPortal.Data.JobRunLock.TryTakeAsync(
            _app.Services.GetRequiredService<Hangfire.JobStorage>(), ConnectorPollJob.RunLock);
        Assert.NotNull(other);

        Assert.Empty(await RunJobAsync());
        Assert.Empty(_product.Calls);

        other.Dispose();
        Assert.Equal(1, Assert.Single(await RunJobAsync()).Stored);
    }

    [Fact]
    public async Task Poll_UsersWithoutActiveIdentity_NothingFetched()
    {
        var (_, _, idle) = await LinkedUserAsync("alice");                  // linked, never used on IFTTT
        var (goneId, goneToken, gone) = await LinkedUserAsync("bob");       // its only identity was deleted
        await _app.CreateIdentityAsync(goneId, goneToken, "bob-main", "main");
        var delete = await _app.IftttClient(goneToken).DeleteAsync("/ifttt/v1/triggers/door_opened/trigger_identity/bob-main", Ct);
        Assert.True(delete.IsSuccessStatusCode);
        await IftttFactory.EventuallyAsync(async () =>
        {
            await using var db = await _app.DbAsync();
            return await db.Set<AdminPortal.Features.Timelines.TriggerIdentity>().CountAsync(i => i.UserId == goneId && i.EndedAt == null, Ct);
        }, n => n == 0);
        _product.OpenDoor(idle, "front");
        _product.OpenDoor(gone, "main");

        Assert.Empty(await RunJobAsync());

        Assert.Empty(_product.Calls);
        Assert.Equal(0, await _app.AllEventsCountAsync());
    }

    [Fact]
    public async Task Poll_ProductAnswers429_BacksOffForRetryAfterThenSucceeds()
    {
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        _product.OpenDoor(subject, "front");
        _product.Fail(429, retryAfterSeconds: 2);

        var limited = Assert.Single(await RunJobAsync());
        var cursor = await CursorAsync(userId);

        Assert.Contains("Slow down.", limited.Error, StringComparison.Ordinal);
        Assert.Equal(1, cursor.Failures);
        Assert.True(cursor.NextRunAt >= cursor.LastRunAt!.Value.AddSeconds(1.9), $"next run {cursor.NextRunAt} after run {cursor.LastRunAt}");
        Assert.Empty(await RunJobAsync()); // still backing off: the product is not asked
        Assert.Single(_product.Calls);

        await Task.Delay(TimeSpan.FromSeconds(2.2), Ct);
        var recovered = Assert.Single(await RunJobAsync());

        Assert.Null(recovered.Error);
        Assert.Equal(1, recovered.Stored);
        Assert.Equal(0, (await CursorAsync(userId)).Failures);
        Assert.Single(await _app.PollDoorOpenedAsync(token, "alice-front", "front"));
    }

    [Fact]
    public async Task Poll_CrashBetweenFetchAndStore_LosesNothingDuplicatesNothing()
    {
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        _product.OpenDoor(subject, "front");
        _product.OpenDoor(subject, "front");

        // The database refuses the events after they were fetched (a real failure inside the store's transaction).
        await FailWritesAsync("crash_store", "BEFORE INSERT", "TimelineEvents", "disk I/O error");
        var crashed = Assert.Single(await RunJobAsync());
        Assert.Contains("disk I/O error", crashed.Error, StringComparison.Ordinal);
        Assert.Null((await CursorAsync(userId)).Cursor);
        Assert.Empty(await _app.EventsAsync(userId));

        // Stored, but the cursor write fails: the next run fetches the same page again.
        await StopFailingAsync("crash_store", "TimelineEvents");
        await FailWritesAsync("crash_cursor", "BEFORE UPDATE", "ConnectorCursors", "disk full");
        await Task.Delay(TimeSpan.FromSeconds(0.4), Ct);
        Assert.Equal(2, Assert.Single(await RunJobAsync()).Stored);
        Assert.Null((await CursorAsync(userId)).Cursor);

        await StopFailingAsync("crash_cursor", "ConnectorCursors");
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        var healed = Assert.Single(await RunJobAsync());

        Assert.Null(healed.Error);
        Assert.Equal(0, healed.Stored);
        Assert.Equal(["evt_000001", "evt_000002"], (await _app.EventsAsync(userId)).Select(e => e.SourceId));
        Assert.Equal("evt_000002", (await CursorAsync(userId)).Cursor);
        Assert.Equal(2, (await _app.PollDoorOpenedAsync(token, "alice-front", "front")).Count);
    }

    [Fact]
    public async Task Poll_ItemThatDoesNotMap_ErrorNamesItemCursorStays()
    {
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        _product.OpenDoor(subject, "front");
        _product.OpenDoor(subject, "front", withDate: false);

        var result = Assert.Single(await RunJobAsync());

        Assert.Equal("items[1]: occurred-at (/occurred_at) is missing or not an ISO 8601 date and time.", result.Error);
        Assert.Null((await CursorAsync(userId)).Cursor);
        Assert.Empty(await _app.EventsAsync(userId));
    }

    [Fact]
    public async Task Poll_BrokenProductLink_RecordedAsThatUsersErrorOthersPolled()
    {
        var (brokenId, brokenToken) = await _app.CreateLinkedUserAsync($"usr_bob~{Guid.NewGuid():N}"); // never signed in to the product
        await _app.CreateIdentityAsync(brokenId, brokenToken, "bob-main", "main");
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        _product.OpenDoor(subject, "front");

        var results = await RunJobAsync();

        Assert.Equal(2, results.Count);
        Assert.StartsWith("Product link broken", results.Single(r => r.UserId == brokenId).Error, StringComparison.Ordinal);
        Assert.StartsWith("Product link broken", (await CursorAsync(brokenId)).LastError, StringComparison.Ordinal);
        Assert.Equal(1, results.Single(r => r.UserId == userId).Stored);
    }

    [Fact]
    public async Task StatusPage_AfterRun_ShowsSourceCursorsAndErrors()
    {
        var (brokenId, brokenToken) = await _app.CreateLinkedUserAsync($"usr_bob~{Guid.NewGuid():N}");
        await _app.CreateIdentityAsync(brokenId, brokenToken, "bob-main", "main");
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        _product.OpenDoor(subject, "front");
        await RunJobAsync();

        var client = _app.CreateBrowserLikeClient();
        await FormPoster.LoginAsync(client, AdminPortalFactory.AdminEmail, AdminPortalFactory.AdminPassword);
        var page = await client.GetStringAsync("/admin/connectors", Ct);

        Assert.Contains("door_opened", page, StringComparison.Ordinal);
        Assert.Contains("/api/v1/webhooks/acme", page, StringComparison.Ordinal);
        Assert.Contains("evt_000001", page, StringComparison.Ordinal);
        Assert.Contains("Product link broken", page, StringComparison.Ordinal);
        Assert.Contains($"run-{userId}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNow_OneUser_PollsThatUserDespiteInterval()
    {
        var (userId, token, subject) = await LinkedUserAsync("alice");
        await _app.CreateIdentityAsync(userId, token, "alice-front", "front");
        await RunJobAsync();
        _product.OpenDoor(subject, "front");

        var job = _app.Services.GetRequiredService<ConnectorPollJob>();
        Assert.Empty(await RunJobAsync()); // within the interval
        var now = await job.RunForUserAsync("door_opened", userId, Ct);

        Assert.Equal(1, now.Stored);
        Assert.Single(await _app.PollDoorOpenedAsync(token, "alice-front", "front"));
    }

    private async Task<(string UserId, string Token, string Subject)> LinkedUserAsync(string who)
    {
        var subject = $"usr_{who}~{Guid.NewGuid():N}";
        var (userId, token) = await _app.CreateLinkedUserAsync(subject);
        _app.Tokens.Link(userId, _product.SignIn(subject));
        return (userId, token, subject);
    }

    private Task<IReadOnlyList<PollResult>> RunJobAsync() => _app.Services.GetRequiredService<ConnectorPollJob>().RunAsync(Ct);

    private async Task<ConnectorCursor> CursorAsync(string userId)
    {
        await using var db = await _app.DbAsync();
        return await db.Set<ConnectorCursor>().AsNoTracking().SingleAsync(c => c.UserId == userId, Ct);
    }

    /// <summary>A trigger that makes the database refuse the statement with <paramref name="message"/> (each provider's way).</summary>
    private Task FailWritesAsync(string name, string when, string table, string message) => SqlAsync(TestDatabase.IsPostgres
        ? $"""
          CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$;
          CREATE TRIGGER {name} {when} ON "{table}" FOR EACH ROW EXECUTE FUNCTION {name}();
          """
        : $"""CREATE TRIGGER {name} {when} ON "{table}" BEGIN SELECT RAISE(ABORT, '{message}'); END;""");

    private Task StopFailingAsync(string name, string table) =>
        SqlAsync(TestDatabase.IsPostgres ? $"""DROP TRIGGER {name} ON "{table}"; DROP FUNCTION {name}();""" : $"DROP TRIGGER {name};");

    private async Task SqlAsync(string sql)
    {
        await using var connection = TestDatabase.Connect(_app);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _product.DisposeAsync();
        await _realtime.DisposeAsync();
    }
}
