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

    /// <summary>POST triggers/door_opened for a random user and one of their door identities, limit 50.</summary>
    public static Task<ScenarioResult> PollAsync(string name, HttpClient http, BenchOptions o, IReadOnlyList<BenchUser> users, CancellationToken ct)
    {
        var doors = users.Select(u => u.DoorIdentities.ToArray()).ToArray();
        return LoadRunner.RunAsync(name, http, o.Clients, o.WarmUp, o.Duration, (client, _, random, token) =>
        {
            var i = random.Next(users.Count);
            var identity = doors[i][random.Next(doors[i].Length)];
            return LoadRunner.SendAsync(client, Requests.Poll(users[i], identity), 1, token);
        }, ct);
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
