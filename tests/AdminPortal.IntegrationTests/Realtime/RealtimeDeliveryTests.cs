using AdminPortal.Features.Realtime;

namespace AdminPortal.IntegrationTests.Realtime;

public sealed class RealtimeDeliveryTests : RealtimeTestBase
{
    [Fact]
    public async Task Drain_2500Identities_ThreeRequestsOf1000_1000_500WithServiceKey()
    {
        var identities = Enumerable.Range(0, 2500).Select(i => $"identity-{i:D4}").ToList();

        await QueueAsync(App, identities);
        var calls = await Fake.WaitForCallsAsync(3, TimeSpan.FromSeconds(15));

        Assert.Equal([1000, 1000, 500], calls.Select(c => c.Entries().Count));
        Assert.Equal(identities, calls.SelectMany(c => c.Entries()).Order());
        Assert.All(calls, call =>
        {
            Assert.Equal(ServiceKey, call.Headers["IFTTT-Service-Key"]);
            Assert.StartsWith("application/json", call.ContentType);
            Assert.True(Guid.TryParse(call.Headers["X-Request-ID"], out _));
        });
        Assert.Equal(3, calls.Select(c => c.Headers["X-Request-ID"]).Distinct().Count());
    }

    [Fact]
    public async Task Drain_SameIdentityQueuedThrice_SentOnce()
    {
        await QueueAsync(App, ["door-a", "door-a", "door-b", "door-a"]);

        var call = Assert.Single(await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        Assert.Equal(["door-a", "door-b"], call.Entries().Order());
        Assert.Contains("{\"trigger_identity\":\"door-a\"}", call.Body);
    }

    [Fact]
    public async Task Drain_500Then200_DeliveredOnceAfterRetryAndLogged()
    {
        Fake.Respond(500, "upstream broke");

        await QueueAsync(App, ["retry-me"]);
        var calls = await Fake.WaitForCallsAsync(2, TimeSpan.FromSeconds(10));
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeBatch>(App)).Single().State == BatchState.Delivered, TimeSpan.FromSeconds(5));

        Assert.Equal(calls[0].Headers["X-Request-ID"], calls[1].Headers["X-Request-ID"]);
        var log = (await ReadAsync<RealtimeCall>(App)).OrderBy(c => c.Attempt).ToList();
        Assert.Equal([500, 200], log.Select(c => c.StatusCode ?? 0));
        Assert.Equal("upstream broke", log[0].Error);
        Assert.Contains(await ReadAsync<RealtimeIdentityNudge>(App), n => n.TriggerIdentity == "retry-me");
        await Task.Delay(1000, Ct);
        Assert.Equal(2, Fake.Received.Count);
    }

    [Fact]
    public async Task Drain_429WithRetryAfter_WaitsAtLeastThatLong()
    {
        Fake.Respond(429, "slow down", retryAfter: TimeSpan.FromSeconds(2));

        await QueueAsync(App, ["patient"]);
        var calls = await Fake.WaitForCallsAsync(2, TimeSpan.FromSeconds(15));

        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(1.9), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Drain_Permanent400_BatchFailedWithIftttResponseAndNotRetried()
    {
        Fake.Respond(400, "{\"errors\":[{\"message\":\"Invalid service key\"}]}");

        await QueueAsync(App, ["doomed"]);
        await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10));
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeBatch>(App)).Single().State == BatchState.Failed, TimeSpan.FromSeconds(5));

        var batch = (await ReadAsync<RealtimeBatch>(App)).Single();
        Assert.Equal(400, batch.LastStatusCode);
        Assert.Contains("Invalid service key", batch.LastError);
        Assert.All(await ReadAsync<RealtimeNotification>(App), n => Assert.Equal(NotificationState.Failed, n.State));
        await Task.Delay(1000, Ct);
        Assert.Single(Fake.Received);
    }

    [Fact]
    public async Task RetryBatch_FailedBatch_DeliveredOnRetry()
    {
        Fake.Respond(400, "temporarily misconfigured");
        await QueueAsync(App, ["second-chance"]);
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeBatch>(App)).SingleOrDefault()?.State == BatchState.Failed, TimeSpan.FromSeconds(10));

        var admin = (RealtimeAdmin)App.Services.GetService(typeof(RealtimeAdmin))!;
        Assert.True(await admin.RetryBatchAsync((await ReadAsync<RealtimeBatch>(App)).Single().Id, Ct));

        var calls = await Fake.WaitForCallsAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal(["second-chance"], calls[1].Entries());
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeBatch>(App)).Single().State == BatchState.Delivered, TimeSpan.FromSeconds(5));
    }
}
