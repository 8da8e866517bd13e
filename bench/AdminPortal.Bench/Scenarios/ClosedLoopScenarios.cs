using AdminPortal.Bench.Load;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench.Scenarios;

/// <summary>The request/response scenarios: each client sends its next request when the last one answered.</summary>
public static class ClosedLoopScenarios
{
    /// <summary>GET status with the service key: the HTTP floor (routing, filters, request log, no database).</summary>
    public static Task<ScenarioResult> StatusAsync(HttpClient http, BenchOptions o, CancellationToken ct) =>
        LoadRunner.RunAsync("status", http, o.Clients, o.WarmUp, o.Duration,
            (client, _, _, token) => LoadRunner.SendAsync(client, Requests.Status(), 1, token), ct);

    /// <summary>
    /// POST triggers/door_opened for a random user and one of their door identities, limit 50. Steady state: first every
    /// user polls once (each token's first call, which validates it fully; reported as first_call_*), then the
    /// usual warm-up and measured phases, where tokens are remembered (IFTTT polls each connection again and again).
    /// </summary>
    public static async Task<ScenarioResult> PollAsync(string name, HttpClient http, BenchOptions o, IReadOnlyList<BenchUser> users, CancellationToken ct)
    {
        var doors = users.Select(u => u.DoorIdentities.ToArray()).ToArray();
        var first = await FirstCallsAsync(http, o, users, doors, ct);
        var result = await LoadRunner.RunAsync(name, http, o.Clients, o.WarmUp, o.Duration, (client, _, random, token) =>
        {
            var i = random.Next(users.Count);
            var identity = doors[i][random.Next(doors[i].Length)];
            return LoadRunner.SendAsync(client, Requests.Poll(users[i], identity), 1, token);
        }, ct);
        result.Extra["first_call_per_s"] = Math.Round(first.PerSecond);
        result.Extra["first_call_p50_ms"] = Math.Round(first.Latency.P50, 2);
        result.Extra["first_call_p99_ms"] = Math.Round(first.Latency.P99, 2);
        return result with { Errors = result.Errors + first.Errors.Count, ErrorSamples = [.. first.Errors.Samples, .. result.ErrorSamples] };
    }

    private static async Task<(double PerSecond, Percentiles Latency, ErrorLog Errors)> FirstCallsAsync(HttpClient http, BenchOptions o,
        IReadOnlyList<BenchUser> users, BenchIdentity[][] doors, CancellationToken ct)
    {
        var next = -1;
        var latencies = new Latencies(users.Count);
        var errors = new ErrorLog();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, o.Clients).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < users.Count && !ct.IsCancellationRequested; i = Interlocked.Increment(ref next))
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    var outcome = await LoadRunner.SendAsync(http, Requests.Poll(users[i], doors[i][0]), 1, ct);
                    if (!outcome.Ok)
                    {
                        errors.Add(outcome);
                    }
                }
                catch (HttpRequestException ex)
                {
                    errors.Add(ex.Message);
                }
                latencies.Record(System.Diagnostics.Stopwatch.GetTimestamp() - started);
            }
        }, ct)));
        return (users.Count / clock.Elapsed.TotalSeconds, latencies.Summarise(), errors);
    }

    /// <summary>POST actions/add_log_entry, a unique X-Request-ID each (so every call runs the action).</summary>
    public static Task<ScenarioResult> ActionAsync(HttpClient http, BenchOptions o, IReadOnlyList<BenchUser> users, CancellationToken ct)
    {
        long sequence = 0;
        return LoadRunner.RunAsync("action", http, o.Clients, o.WarmUp, o.Duration, (client, _, random, token) =>
            LoadRunner.SendAsync(client, Requests.Action(users[random.Next(users.Count)], Interlocked.Increment(ref sequence)), 1, token), ct);
    }

    /// <summary>POST /api/v1/events with <paramref name="batch"/> door events of random users (1: a single object).</summary>
    public static Task<ScenarioResult> IngestAsync(string name, HttpClient http, BenchOptions o, IReadOnlyList<BenchUser> users, int batch,
        CancellationToken ct) =>
        LoadRunner.RunAsync(name, http, o.Clients, o.WarmUp, o.Duration, (client, _, random, token) =>
        {
            var events = Enumerable.Range(0, batch)
                .Select(_ => Requests.DoorEvent(users[random.Next(users.Count)].Id, EventRows.PickDoor(random), random)).ToList();
            return LoadRunner.SendAsync(client, Requests.Ingest(events, array: batch > 1), batch, token);
        }, ct);
}
