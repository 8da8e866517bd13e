using AdminPortal.Features.Realtime;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Realtime;

/// <summary>
/// Two instances draining one outbox (decision 0028): each batch is claimed by one instance, so every identity is nudged
/// once, and a batch whose instance died is sent by the other once its lease runs out.
/// </summary>
public sealed class RealtimeLeaseTests : RealtimeTestBase
{
    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = TwoInstances.OnlyOnPostgres)]
    public async Task TwoInstances_DrainOneBacklog_EachIdentityNudgedOnceNoneLost()
    {
        await using var instances = TwoInstances.Over(directory => WithSettings(CreateApp(directory, debounce: TimeSpan.Zero), ("BatchSize", "100")));
        var (a, b) = instances;
        _ = b.Server;
        var identities = Enumerable.Range(0, 2500).Select(i => $"backlog-{i:D4}").ToList();

        // Both form batches from the backlog at once; the first call is held, so its instance is stuck in it.
        var held = Fake.HoldNextAnswer();
        await QueueAsync(a, identities);
        var drains = new[] { a, b }.Select(app => Task.Run(() => Drainer(app).DrainAsync(Ct))).ToList();
        await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(20));
        // Asked to drain again now that the batches are committed, the other instance sends every other batch meanwhile
        // (the holder's drain waits behind its own).
        drains.AddRange(new[] { a, b }.Select(app => Task.Run(() => Drainer(app).DrainAsync(Ct))));
        await Fake.WaitForCallsAsync(25, TimeSpan.FromSeconds(8)); // well inside the held call's 10 s timeout
        held.SetResult();
        await Task.WhenAll(drains);
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeBatch>(a)).All(x => x.State == BatchState.Delivered), TimeSpan.FromSeconds(20));
        await Task.Delay(500, Ct); // a duplicate send would arrive by now

        var calls = Fake.Received.ToList();
        Assert.Equal(25, calls.Count);
        Assert.Equal(identities, calls.SelectMany(c => c.Entries()).Order(StringComparer.Ordinal));
        Assert.Equal(25, calls.Select(c => c.Headers["X-Request-ID"]).Distinct().Count());
        Assert.All(await ReadAsync<RealtimeNotification>(a), n => Assert.Equal(NotificationState.Delivered, n.State));
        var batches = await ReadAsync<RealtimeBatch>(a);
        Assert.Equal(25, batches.Count);
        Assert.Equal(new[] { Drainer(a).Owner, Drainer(b).Owner }.Order(StringComparer.Ordinal),
            batches.Select(x => x.LeaseOwner).Distinct().Order(StringComparer.Ordinal)); // both sent
        Assert.All(batches, x => Assert.Null(x.LeasedUntil));
    }

    [Fact(SkipUnless = nameof(TestDatabase.IsPostgres), SkipType = typeof(TestDatabase), Skip = TwoInstances.OnlyOnPostgres)]
    public async Task InstanceDiesMidSend_OtherInstanceSendsItsBatchAfterTheLease()
    {
        var lease = TimeSpan.FromSeconds(6);
        await using var instances = TwoInstances.Over(directory => WithSettings(CreateApp(directory, debounce: TimeSpan.Zero),
            ("Lease", lease.ToString()), ("RequestTimeout", "00:00:05")));
        var (a, b) = instances; // A is disposed below, mid-send; a second dispose does nothing
        var held = Fake.HoldNextAnswer();
        await QueueAsync(a, ["orphan-1", "orphan-2"]);
        var first = Assert.Single(await Fake.WaitForCallsAsync(1, TimeSpan.FromSeconds(10)));
        _ = b.Server; // starts while A holds the batch: its first drain must leave it alone

        await a.DisposeAsync(); // A stops mid-send, as a crash would leave it: the batch stays leased to A
        held.SetResult();

        var calls = await Fake.WaitForCallsAsync(2, lease + TimeSpan.FromSeconds(40));
        var retry = calls[1];
        Assert.Equal(first.Headers["X-Request-ID"], retry.Headers["X-Request-ID"]);
        Assert.Equal(["orphan-1", "orphan-2"], retry.Entries().Order(StringComparer.Ordinal));
        Assert.True(retry.At - first.At >= lease - TimeSpan.FromSeconds(1), $"B sent after {retry.At - first.At}, inside A's lease of {lease}.");
        await WaitUntilAsync(async () => (await ReadAsync<RealtimeBatch>(b)).Single().State == BatchState.Delivered, TimeSpan.FromSeconds(10));
        var batch = (await ReadAsync<RealtimeBatch>(b)).Single();
        Assert.Equal(Drainer(b).Owner, batch.LeaseOwner);
        Assert.Equal(1, batch.Attempts); // A's attempt died with it, unrecorded, as in a crash
        Assert.Equal(2, calls.Count);
    }

    private static RealtimeDrainer Drainer(AdminPortalFactory app) => app.Services.GetRequiredService<RealtimeDrainer>();

    private static AdminPortalFactory WithSettings(AdminPortalFactory app, params (string Key, string Value)[] realtime)
    {
        foreach (var (key, value) in realtime)
        {
            app.Settings[$"{RealtimeOptions.Section}:{key}"] = value;
        }
        return app;
    }
}
