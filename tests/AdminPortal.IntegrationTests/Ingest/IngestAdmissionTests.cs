using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using AdminPortal.Data;
using AdminPortal.Features.Ingest;
using AdminPortal.Features.Timelines;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Ingest;

/// <summary>
/// Issue 20 item 4, as the attack: slow senders on real Kestrel must not stall the product's normal batches, and are
/// answered 408 or 503 in the errors shape with one log line each — never a 500, never a stack trace.
/// </summary>
public sealed class IngestAdmissionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoTricklingUploads_DoNotHoldBackANormalBatch()
    {
        await using var app = new KestrelIftttFactory();
        app.Settings["Ingest:MinBodyBytesPerSecond"] = "1"; // the tricklers must outlast the normal batch
        app.Settings["Ingest:BodyReadTimeout"] = "00:02:00";
        var (userId, _) = await app.CreateLinkedUserAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var tricklers = new[] { Trickle(app, stop.Token), Trickle(app, stop.Token) };
        await WaitForAsync(() => Receiving(app) == 2); // both bodies are being received

        var clock = Stopwatch.StartNew();
        using var sender = IngestClient(app);
        sender.Timeout = TimeSpan.FromSeconds(20);
        var batch = Enumerable.Range(0, 300).Select(i => IftttFactory.DoorEvent(userId, $"door-{i}-{new string('x', 200)}", DateTimeOffset.UtcNow)).ToArray();
        var response = await sender.PostAsJsonAsync("/api/v1/events", batch, Ct);

        var json = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(300, json.GetProperty("data").GetArrayLength());
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"the normal batch took {clock.Elapsed}");
        Assert.Equal(300, await CountEventsAsync(app, userId));
        Assert.All(tricklers, t => Assert.False(t.IsCompleted));
        await stop.CancelAsync();
        await Task.WhenAll(tricklers.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    [Theory]
    [InlineData("1", "00:00:02", "within 2 s", "not received within")] // past the whole-body deadline
    [InlineData("100000", "00:00:30", "too slowly", "arrived slower than")] // below Kestrel's minimum rate, after its grace
    public async Task Trickle_TooSlow_Is408InTheErrorsShape_LoggedAsOneLine(string minRate, string deadline, string answered, string logged)
    {
        await using var app = new KestrelIftttFactory();
        app.Settings["Ingest:MinBodyBytesPerSecond"] = minRate;
        app.Settings["Ingest:BodyReadTimeout"] = deadline;

        var answer = await Trickle(app, Ct);

        Assert.Equal(408, answer.Status);
        Assert.Contains(answered, answer.ErrorMessage);
        AssertOneCleanLine(app, logged);
    }

    [Fact]
    public async Task ReceiveSlotsFull_NextBatch_Is503WithRetryAfter()
    {
        await using var app = new KestrelIftttFactory();
        app.Settings["Ingest:MaxConcurrentUploads"] = "1";
        app.Settings["Ingest:MinBodyBytesPerSecond"] = "1";
        var (userId, _) = await app.CreateLinkedUserAsync();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var trickler = Trickle(app, stop.Token);
        await WaitForAsync(() => Receiving(app) == 1); // its body is being received

        using var sender = IngestClient(app);
        var batch = Enumerable.Range(0, 300).Select(i => IftttFactory.DoorEvent(userId, $"door-{i}-{new string('x', 200)}", DateTimeOffset.UtcNow)).ToArray();
        var busy = await sender.PostAsJsonAsync("/api/v1/events", batch, Ct);

        Assert.Equal("1", busy.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
        Assert.Contains("received already", await HttpAssert.ErrorAsync(busy, HttpStatusCode.ServiceUnavailable));
        // A single event with its Content-Length is never held back by the gate (a body of unknown length counts as a batch).
        var single = IftttFactory.Json(System.Text.Json.JsonSerializer.Serialize(IftttFactory.DoorEvent(userId, "front", DateTimeOffset.UtcNow)));
        await HttpAssert.JsonAsync(await sender.PostAsync("/api/v1/events", single, Ct), HttpStatusCode.OK);
        await stop.CancelAsync();
        await trickler.ContinueWith(_ => { }, TaskScheduler.Default);
        // The slot is freed once the server sees the trickler go: the same batch is accepted then.
        var retried = await sender.PostAsJsonAsync("/api/v1/events", batch, Ct);
        for (var attempt = 0; retried.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 50; attempt++)
        {
            await Task.Delay(100, Ct);
            retried = await sender.PostAsJsonAsync("/api/v1/events", batch, Ct);
        }
        await HttpAssert.JsonAsync(retried, HttpStatusCode.OK);
    }

    [Fact]
    public async Task ClientAbandonsItsUpload_OneLine_NoError()
    {
        await using var app = new KestrelIftttFactory();
        app.Settings["Ingest:MinBodyBytesPerSecond"] = "1";
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var trickler = Trickle(app, stop.Token);
        await WaitForAsync(() => Receiving(app) == 1); // its body is being received

        await stop.CancelAsync();
        await trickler.ContinueWith(_ => { }, TaskScheduler.Default);

        await WaitForAsync(() => app.Logs.Lines.Any(l => l.Contains("abandoned by the client")));
        AssertOneCleanLine(app, "abandoned by the client");
    }

    /// <summary>
    /// A batch-sized body (declared 200 KB) sent a byte every 100 ms on a raw socket, as a slow product would, while the
    /// answer is read — an HTTP client would stop at its own send. Cancelling closes the socket.
    /// </summary>
    private static Task<TrickleAnswer> Trickle(KestrelIftttFactory app, CancellationToken ct) =>
        Trickler.SendAsync(app.ServerAddress, IftttFactory.IngestKey, 200_000, ct);

    /// <summary>Under load a trickler may take a while to reach the endpoint; waiting for a fixed time made these tests flaky.</summary>
    private static int Receiving(KestrelIftttFactory app) => app.Services.GetRequiredService<IngestAdmission>().Receiving;

    private static HttpClient IngestClient(KestrelIftttFactory app)
    {
        var client = app.RawClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", IftttFactory.IngestKey);
        return client;
    }

    private static void AssertOneCleanLine(AdminPortalFactory app, string text)
    {
        Assert.Single(app.Logs.Lines, l => l.Contains(text));
        Assert.DoesNotContain(app.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains("/api/v1/events") && l.Contains("Exception]"));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition() && waited < 300; waited++)
        {
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<int> CountEventsAsync(AdminPortalFactory app, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<TimelineEvent>().CountAsync(e => e.UserId == userId, Ct);
    }
}
