using System.Net;
using System.Net.Http.Json;
using AdminPortal.IntegrationTests.Infrastructure;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Telemetry;

/// <summary>The app's own meter moves on real requests: polls, ingest, actions, gauges and job failures.</summary>
public sealed class AppMetricsTests(IftttFactory factory) : IClassFixture<IftttFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private AppMeterRecorder Recorder()
    {
        _ = factory.Server;
        return new AppMeterRecorder(factory.Services);
    }

    private static Task<HttpResponseMessage> PollAsync(HttpClient client, string trigger = "door_opened") =>
        client.PostAsync($"/ifttt/v1/triggers/{trigger}", IftttFactory.Json("""{"triggerFields":{"door":"front"},"limit":10}"""), Ct);

    [Fact]
    public async Task Poll_CountsTriggerAndStatus_RecordsLatencyAndItems()
    {
        using var recorder = Recorder();
        var (userId, token) = await factory.CreateLinkedUserAsync();
        await factory.IngestAsync(new[]
        {
            IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow.AddMinutes(-2)),
            IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow.AddMinutes(-1)),
        });

        await HttpAssert.JsonAsync(await PollAsync(factory.IftttClient(token)), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PollAsync(factory.IftttClient("not-a-token"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PollAsync(factory.IftttClient(token), "no_such_trigger")).StatusCode);

        Assert.Equal(1, await recorder.EventuallySumAsync("adminportal.polls", 1, ("trigger", "door_opened"), ("status", 200)));
        Assert.Equal(1, await recorder.EventuallySumAsync("adminportal.polls", 1, ("trigger", "door_opened"), ("status", 401)));
        // An undeclared slug is not a new time series per guess.
        Assert.Equal(1, await recorder.EventuallySumAsync("adminportal.polls", 1, ("trigger", "unknown"), ("status", 404)));
        var items = Assert.Single(recorder.Of("adminportal.poll.items", ("trigger", "door_opened")));
        Assert.Equal(2, items.Value);
        Assert.Equal(3, recorder.Of("adminportal.poll.duration").Count);
        Assert.All(recorder.Of("adminportal.poll.duration"), d => Assert.InRange(d.Value, 0, 10));
    }

    [Fact]
    public async Task IngestBatch_WithADuplicate_CountsStoredAndDuplicate()
    {
        using var recorder = Recorder();
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var at = DateTimeOffset.UtcNow;

        await factory.IngestAsync(new[] { IftttFactory.DoorEvent(userId, "front", at, sourceId: "evt-1") });
        await factory.IngestAsync(new[]
        {
            IftttFactory.DoorEvent(userId, "front", at, sourceId: "evt-1"),
            IftttFactory.DoorEvent(userId, "back", at, sourceId: "evt-2"),
        });

        Assert.Equal((Stored: 2, Duplicate: 1, Invalid: 0, NotStored: 0), IngestCounts(recorder));
    }

    [Fact]
    public async Task IngestBatch_WithAnInvalidEvent_CountsTheRefusal()
    {
        using var recorder = Recorder();
        var (userId, _) = await factory.CreateLinkedUserAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", IftttFactory.IngestKey);

        var response = await client.PostAsJsonAsync("/api/v1/events", new object[]
        {
            IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow),
            new { user = userId, trigger = "no_such_trigger" },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal((Stored: 0, Duplicate: 0, Invalid: 1, NotStored: 1), IngestCounts(recorder));
    }

    private static (double Stored, double Duplicate, double Invalid, double NotStored) IngestCounts(AppMeterRecorder recorder)
    {
        double Of(string outcome) => recorder.Sum("adminportal.ingest.events", ("outcome", outcome));
        return (Of("stored"), Of("duplicate"), Of("invalid"), Of("not_stored"));
    }

    [Fact]
    public async Task Action_SkipThenSuccess_CountsEachOutcomeWithLatency_AReplayIsNotCounted()
    {
        using var recorder = Recorder();
        var (userId, token) = await factory.CreateLinkedUserAsync();
        await factory.IngestAsync(IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow, room: "kitchen"));
        var client = factory.IftttClient(token);
        var requestId = Guid.NewGuid().ToString();

        Assert.Equal(HttpStatusCode.BadRequest, (await RunActionAsync(client, """{"actionFields":{"room":"attic"}}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RunActionAsync(client, """{"actionFields":{"room":"kitchen"}}""", requestId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RunActionAsync(client, """{"actionFields":{"room":"kitchen"}}""", requestId)).StatusCode);

        Assert.Equal(1, recorder.Sum("adminportal.actions", ("action", "turn_on_lights"), ("outcome", "skip")));
        Assert.Equal(1, recorder.Sum("adminportal.actions", ("action", "turn_on_lights"), ("outcome", "success")));
        Assert.Equal(2, recorder.Of("adminportal.action.duration", ("action", "turn_on_lights")).Count);
    }

    private static Task<HttpResponseMessage> RunActionAsync(HttpClient client, string body, string? requestId = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, "/ifttt/v1/actions/turn_on_lights") { Content = IftttFactory.Json(body) };
        message.Headers.Add("X-Request-ID", requestId ?? Guid.NewGuid().ToString());
        return client.SendAsync(message, Ct);
    }

    [Fact]
    public async Task TokenHealthGauge_ReportsEveryState_AndFollowsTheRecordsAfterItsRefresh()
    {
        await using var app = new IftttFactory();
        app.Settings["OpenTelemetry:GaugeRefresh"] = "00:00:01";
        var (_, token) = await app.CreateLinkedUserAsync();
        using var recorder = new AppMeterRecorder(app.Services);
        var client = app.IftttClient(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ifttt/v1/user/info", Ct)).StatusCode);

        // IFTTT's token check (user/info) makes the user tracked (recorded in the background, read at the next refresh).
        var healthy = await IftttFactory.EventuallyAsync(
            () => Task.FromResult(recorder.Observe("adminportal.token_health.users").LastOrDefault(m => Equals(m.Tags["state"], "healthy"))?.Value),
            value => value >= 1);

        Assert.Equal(1, healthy);
        Assert.Equal(["disconnected", "failing", "healthy", "likely_disabled", "product_link_broken"],
            recorder.Of("adminportal.token_health.users").Select(s => (string)s.Tags["state"]!).Distinct().Order());
    }

    [Fact]
    public async Task FailingJob_CountsAFailureOfThatJob()
    {
        using var recorder = Recorder();

        factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => FailingJob.Run());

        Assert.True(await recorder.EventuallySumAsync("adminportal.jobs.failures", 1, ("job", "FailingJob.Run")) >= 1);
    }
}

/// <summary>A job that always throws, run by the app's Hangfire server.</summary>
public static class FailingJob
{
    public static void Run() => throw new InvalidOperationException("This job fails on purpose.");
}
