using System.Diagnostics;
using AdminPortal.Bench.Harness;
using AdminPortal.Bench.Load;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench.Scenarios;

/// <summary>
/// Steady ingest (open loop, <see cref="BenchOptions.RealtimeRate"/> single events a second) of door events, each
/// for a different active, poll-watched identity; measures from the ingest response to the moment the fake Realtime
/// API received that identity. A notification that never arrives (within 15 s) is an error.
/// </summary>
public static class RealtimeScenario
{
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(30);

    public static async Task<ScenarioResult> RunAsync(HttpClient http, BenchOptions o, IReadOnlyList<BenchUser> users, FakeRealtime fake,
        CancellationToken ct)
    {
        var random = new Random(4242);
        var pool = users.SelectMany(u => u.DoorIdentities.Select(i => (User: u, Identity: i))).OrderBy(_ => random.Next()).ToList();
        var warm = Math.Min((int)(o.RealtimeRate * o.WarmUp.TotalSeconds), pool.Count / 4);
        var count = Math.Min((int)(o.RealtimeRate * o.Duration.TotalSeconds), pool.Count - warm);

        // Whatever earlier scenarios queued must be delivered first, or it would be measured here.
        await fake.WaitQuietAsync(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(120), ct);
        await SendAsync(http, o, pool.GetRange(0, warm), random, new long[warm], new ErrorLog(), null, ct);

        var measured = pool.GetRange(warm, count);
        fake.Forget(measured.Select(m => m.Identity.Id));
        var responded = new long[count];
        var errors = new ErrorLog();
        var ingestLatencies = new Latencies(count);
        var clock = Stopwatch.StartNew();
        await SendAsync(http, o, measured, random, responded, errors, ingestLatencies, ct);
        var seconds = clock.Elapsed.TotalSeconds;

        var identities = measured.Select(m => m.Identity.Id).ToList();
        await Notifications.WaitAsync(fake, identities, responded, DeliveryWait, ct);
        var (latency, missing, early, duplicates) = Notifications.Collect(fake, identities, responded, errors, $"within {DeliveryWait.TotalSeconds:0} s");

        var ingest = ingestLatencies.Summarise();
        return new ScenarioResult
        {
            Name = "realtime", Clients = o.Clients, Requests = count, Units = count, Seconds = seconds,
            Latency = latency, Errors = errors.Count, ErrorSamples = errors.Samples,
            Extra = new()
            {
                ["rate_per_s"] = o.RealtimeRate, ["missing"] = missing, ["received_before_response"] = early, ["duplicate_nudges"] = duplicates,
                ["ingest_p50_ms"] = ingest.P50, ["ingest_p99_ms"] = ingest.P99,
            },
        };
    }

    /// <summary>Open loop: event i leaves at start + i/rate whatever the answers (at most Clients in flight).</summary>
    private static async Task SendAsync(HttpClient http, BenchOptions o, List<(BenchUser User, BenchIdentity Identity)> items, Random random,
        long[] responded, ErrorLog errors, Latencies? latencies, CancellationToken ct)
    {
        using var inFlight = new SemaphoreSlim(o.Clients);
        var start = Stopwatch.GetTimestamp();
        var spacing = Stopwatch.Frequency / (double)o.RealtimeRate;
        var tasks = new List<Task>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var due = start + (long)(i * spacing);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }
            await inFlight.WaitAsync(ct);
            var index = i;
            var body = Requests.DoorEvent(items[i].User.Id, items[i].Identity.Value, random);
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var sent = Stopwatch.GetTimestamp();
                    var outcome = await LoadRunner.SendAsync(http, Requests.Ingest([body], array: false), 1, ct);
                    var at = Stopwatch.GetTimestamp();
                    latencies?.Record(at - sent);
                    if (outcome.Ok)
                    {
                        responded[index] = at;
                    }
                    else
                    {
                        errors.Add(outcome);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    errors.Add(ex.Message);
                }
                finally
                {
                    inFlight.Release();
                }
            }, ct));
        }
        await Task.WhenAll(tasks);
    }
}
