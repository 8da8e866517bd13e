using System.Net;
using System.Text.Json;
using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Overview;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.OAuth.Health;
using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenIddict.Abstractions;

namespace AdminPortal.IntegrationTests.Dashboard;

/// <summary>
/// The overview's hourly charts over traffic made through the real interfaces (IFTTT's polls and actions, ingest,
/// realtime deliveries to a local receiver, the token-health job), on the configured provider's SQL.
/// </summary>
public sealed class OverviewChartsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Charts_PollsErrorsAndActionsOverTwoHours_CountedInTheirHoursWithoutIftttsTests()
    {
        var start = HourWindow.Ending(DateTimeOffset.UtcNow, 1).First.AddMinutes(5);
        var clock = new FakeTimeProvider(start);
        await using var app = new IftttFactory { Clock = clock };
        var (userId, token) = await app.CreateLinkedUserAsync();
        await app.IngestAsync(IftttFactory.DoorEvent(userId, "front", start, room: "kitchen"));

        // First hour: two polls, one refused (no token); one action done, one SKIPped (a room never reported).
        Assert.Equal(HttpStatusCode.OK, await PollAsync(app, token));
        Assert.Equal(HttpStatusCode.Unauthorized, await PollAsync(app, null));
        Assert.Equal(HttpStatusCode.OK, await ActionAsync(app, token, "turn_on_lights", """{"room":"kitchen"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, await ActionAsync(app, token, "turn_on_lights", """{"room":"attic"}"""));
        // IFTTT's endpoint tests: set-up, then its test user's poll, refused poll and action — all left out.
        var testToken = await TestSetupAsync(app);
        Assert.Equal(HttpStatusCode.OK, await PollAsync(app, testToken));
        Assert.Equal(HttpStatusCode.BadRequest, await PollAsync(app, testToken, """{"triggerFields":"nope"}"""));
        Assert.Equal(HttpStatusCode.OK, await ActionAsync(app, testToken, "add_log_entry", """{"message":"test"}"""));

        // Second hour: one poll, a refused field-options call (an error, not a poll), one more action.
        clock.Advance(TimeSpan.FromHours(1));
        token = await app.IssueTokenAsync(userId);
        Assert.Equal(HttpStatusCode.OK, await PollAsync(app, token));
        var options = await app.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened/fields/nope/options", null, Ct);
        Assert.Equal(HttpStatusCode.NotFound, options.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ActionAsync(app, token, "add_log_entry", """{"message":"later"}"""));

        var charts = await IftttFactory.EventuallyAsync(() => LoadAsync(app, OverviewChartQueries.DayHours),
            c => c.Traffic.Sum(h => h.Polls + h.Errors) >= 6);

        var firstHour = HourWindow.Ending(start, 1).First;
        Assert.Equal(24, charts.Traffic.Count);
        Assert.Equal(firstHour.AddHours(-22), charts.Window.First);
        // Errors are every 4xx/5xx answer, as in the error-rate figure: the refused poll and the SKIP (a 400) in the first hour.
        Assert.Equal([(firstHour, 2, 2), (firstHour.AddHours(1), 1, 1)], charts.Traffic.TakeLast(2).Select(h => (h.Hour, h.Polls, h.Errors)));
        Assert.All(charts.Traffic.SkipLast(2), h => Assert.Equal((0, 0), (h.Polls, h.Errors)));
        Assert.Equal([(firstHour, 1, 1, 0), (firstHour.AddHours(1), 1, 0, 0)],
            charts.ActionOutcomes.TakeLast(2).Select(h => (h.Hour, h.Success, h.Skip, h.Error)));
        Assert.Equal(3, charts.ActionOutcomes.Sum(h => h.Success + h.Skip + h.Error));

        // The week: 168 hours, the same two of them filled.
        var week = await LoadAsync(app, OverviewChartQueries.MaxHours);
        Assert.Equal(168, week.Traffic.Count);
        Assert.Equal(firstHour.AddHours(-166), week.Window.First);
        Assert.Equal(charts.Traffic.TakeLast(2), week.Traffic.TakeLast(2));
        Assert.Equal(3, week.Traffic.Sum(h => h.Polls));
    }

    [Fact]
    public async Task Charts_RealtimeDeliveriesToALocalReceiver_LagPercentilesFromIngestToTheAcceptedCall()
    {
        await using var fake = await FakeIftttRealtime.StartAsync();
        await using var app = new IftttFactory();
        app.Settings["Ifttt:RealtimeUrl"] = fake.BaseUrl;
        app.Settings["Ifttt:Realtime:DebounceWindow"] = "00:00:00.100";
        var (userId, token) = await app.CreateLinkedUserAsync();
        Assert.Equal(HttpStatusCode.OK, await PollAsync(app, token, """{"trigger_identity":"lag-front","triggerFields":{"door":"front"},"limit":1}"""));
        Assert.Equal(HttpStatusCode.OK, await PollAsync(app, token, """{"trigger_identity":"lag-back","triggerFields":{"door":"back"},"limit":1}"""));
        await IftttFactory.EventuallyAsync(() => CountAsync<TriggerIdentity>(app), n => n >= 2);

        // Two separate deliveries, the second held back by the receiver for a moment so the two lags differ.
        await app.IngestAsync(IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow));
        await fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10));
        var held = fake.HoldNextAnswer();
        await app.IngestAsync(IftttFactory.DoorEvent(userId, "back", DateTimeOffset.UtcNow));
        await Task.Delay(300, Ct);
        held.SetResult();
        await fake.WaitForCallsAsync(2, TimeSpan.FromSeconds(10));
        await IftttFactory.EventuallyAsync(() => CountAsync<RealtimeCall>(app), n => n >= 2);

        var charts = await LoadAsync(app, OverviewChartQueries.DayHours);

        // The oracle: each accepted call's notifications, their waits from the outbox row to the call, per hour.
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        var calls = await db.Set<RealtimeCall>().AsNoTracking().Where(c => c.Succeeded).ToListAsync(Ct);
        var notifications = await db.Set<RealtimeNotification>().AsNoTracking().ToListAsync(Ct);
        var expected = calls.SelectMany(c => notifications.Where(n => n.BatchId == c.BatchId).Select(n => (Hour: HourWindow.Ending(c.At, 1).First, Lag: (c.At - n.CreatedAt).TotalSeconds)))
            .GroupBy(l => l.Hour).ToDictionary(g => g.Key, g => g.Select(l => l.Lag).Order().ToList());
        Assert.Equal(2, expected.Values.Sum(l => l.Count));
        var filled = charts.RealtimeLag.Where(h => h.Nudges > 0).ToList();
        Assert.Equal(expected.Keys.Order(), filled.Select(h => h.Hour));
        foreach (var hour in filled)
        {
            var lags = expected[hour.Hour];
            Assert.Equal(lags.Count, hour.Nudges);
            // Nearest rank: with two nudges in an hour the median is the smaller wait, the 95th percentile the larger.
            Assert.Equal(lags[(int)Math.Ceiling(lags.Count * 0.5) - 1], hour.P50Seconds!.Value, 6);
            Assert.Equal(lags[(int)Math.Ceiling(lags.Count * 0.95) - 1], hour.P95Seconds!.Value, 6);
        }
        Assert.True(filled.Max(h => h.P95Seconds) >= 0.3, "the held-back delivery waited at least 300 ms");
        Assert.All(charts.RealtimeLag.Where(h => h.Nudges == 0), h => Assert.Null(h.P50Seconds));
    }

    [Fact]
    public async Task TokenHealthJob_RecordsEachHoursStatesOnce_WithoutIftttsTestUser_AndPrunesOldHours()
    {
        var start = HourWindow.Ending(DateTimeOffset.UtcNow, 1).First.AddMinutes(20);
        var clock = new FakeTimeProvider(start);
        await using var app = new IftttFactory { Clock = clock };
        var (ann, annToken) = await app.CreateLinkedUserAsync();
        var (bob, bobToken) = await app.CreateLinkedUserAsync();
        var testToken = await TestSetupAsync(app);
        foreach (var t in new[] { annToken, bobToken, testToken })
        {
            Assert.Equal(HttpStatusCode.OK, (await app.IftttClient(t).GetAsync("/ifttt/v1/user/info", Ct)).StatusCode);
        }

        await RunTokenHealthJobAsync(app);
        clock.Advance(TimeSpan.FromHours(1));
        await RevokeAsync(app, bob);
        await RunTokenHealthJobAsync(app);
        await RunTokenHealthJobAsync(app); // twice in one hour: the hour's rows are replaced, not doubled

        var charts = await LoadAsync(app, OverviewChartQueries.DayHours);
        var firstHour = HourWindow.Ending(start, 1).First;
        Assert.Equal(2 * Enum.GetValues<TokenHealthState>().Length, charts.TokenHealth.Count);
        Assert.Equal([firstHour, firstHour.AddHours(1)], OverviewChartSeries.TokenHealthHours(charts));
        var users = charts.TokenHealth.Where(s => s.Users > 0).Select(s => (s.Hour, s.State, s.Users));
        Assert.Equal([(firstHour, TokenHealthState.Healthy, 2), (firstHour.AddHours(1), TokenHealthState.Disconnected, 1), (firstHour.AddHours(1), TokenHealthState.Healthy, 1)],
            users.OrderBy(u => u.Hour).ThenBy(u => u.State.ToString()));

        // Past the keeping period the old hours go with the next run.
        clock.Advance(TokenHealthHistory.KeepFor + TimeSpan.FromHours(1));
        await RunTokenHealthJobAsync(app);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        Assert.Equal([HourWindow.Ending(clock.GetUtcNow(), 1).First], await db.Set<TokenHealthSnapshot>().Select(s => s.Hour).Distinct().ToListAsync(Ct));
        Assert.Single(await LoadAsync(app, OverviewChartQueries.MaxHours) is var week ? OverviewChartSeries.TokenHealthHours(week) : []);
    }

    private static async Task<OverviewCharts> LoadAsync(IftttFactory app, int hours)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OverviewChartQueries>().LoadAsync(hours, Ct);
    }

    private static async Task<HttpStatusCode> PollAsync(IftttFactory app, string? token, string body = """{"trigger_identity":"chart-1","triggerFields":{"door":"front"},"limit":3}""") =>
        (await app.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened", IftttFactory.Json(body), Ct)).StatusCode;

    private static async Task<HttpStatusCode> ActionAsync(IftttFactory app, string? token, string action, string fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/ifttt/v1/actions/{action}") { Content = IftttFactory.Json($$"""{"actionFields":{{fields}}}""") };
        request.Headers.Add("X-Request-ID", Guid.NewGuid().ToString());
        return (await app.IftttClient(token).SendAsync(request, Ct)).StatusCode;
    }

    /// <summary>IFTTT's endpoint tests' set-up call: its test user and that user's access token.</summary>
    private static async Task<string> TestSetupAsync(IftttFactory app)
    {
        var setup = await app.ServiceKeyClient().PostAsync("/ifttt/v1/test/setup", null, Ct);
        Assert.True(setup.IsSuccessStatusCode);
        using var json = JsonDocument.Parse(await setup.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("data").GetProperty("accessToken").GetString()!;
    }

    private static async Task RunTokenHealthJobAsync(IftttFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TokenHealthJob>().RunAsync(Ct);
    }

    private static async Task RevokeAsync(IftttFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        await foreach (var authorization in authorizations.FindBySubjectAsync(userId, Ct))
        {
            await authorizations.TryRevokeAsync(authorization, Ct);
        }
    }

    private static async Task<int> CountAsync<T>(IftttFactory app) where T : class
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<T>().CountAsync(Ct);
    }
}
