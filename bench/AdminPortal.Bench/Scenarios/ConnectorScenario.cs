using System.Diagnostics;
using AdminPortal.Bench.Database;
using AdminPortal.Bench.Harness;
using AdminPortal.Bench.Load;
using AdminPortal.Bench.Seeding;

namespace AdminPortal.Bench.Scenarios;

/// <summary>
/// The app polling the product for its linked users: door.opened events appear in the fake product (open loop,
/// <see cref="BenchOptions.ConnectorRate"/> a second, each for a different one of the users' door identities, so every
/// nudge belongs to exactly one event) while the app's connector-poll job polls every user about once a second.
/// Measures the product polls served a second, the timeline rows the app stored a second (counted in its database
/// at the window's edges) and the time from an event's appearance in the product to the fake Realtime API's receipt
/// of its identity. A notification missing 30 s after the window, a refused product request or a user whose cursor
/// records a failure is an error.
/// </summary>
public static class ConnectorScenario
{
    public const string Name = "connector-poll";
    private static readonly TimeSpan DeliveryWait = TimeSpan.FromSeconds(30);

    public static async Task<ScenarioResult> RunAsync(BenchOptions o, SeededDatabase db, FakeProduct product, FakeRealtime realtime, CancellationToken ct)
    {
        var random = new Random(20261203);
        var pool = db.Users.SelectMany(u => u.DoorIdentities.Select(i => (User: u, Identity: i))).OrderBy(_ => random.Next()).ToList();
        var warm = Math.Min((int)(o.ConnectorRate * o.WarmUp.TotalSeconds), pool.Count / 4);
        var count = Math.Min((int)(o.ConnectorRate * o.Duration.TotalSeconds), pool.Count - warm);
        var errors = new ErrorLog();

        // Steady state first: every user polled once (their cursor rows exist), then a warm-up with events.
        var firstRound = Stopwatch.StartNew();
        while (product.Served < db.Users.Count && firstRound.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(100, ct);
        }
        var firstRoundSeconds = firstRound.Elapsed.TotalSeconds;
        await GenerateAsync(product, o.ConnectorRate, pool.GetRange(0, warm), random, new long[warm], ct);

        var measured = pool.GetRange(warm, count);
        realtime.Forget(measured.Select(m => m.Identity.Id));
        var appeared = new long[count];
        var (servedBefore, storedBefore) = (product.Served, CountEvents(db.Database));
        var clock = Stopwatch.StartNew();
        await GenerateAsync(product, o.ConnectorRate, measured, random, appeared, ct);
        var seconds = clock.Elapsed.TotalSeconds;
        var (served, stored) = (product.Served - servedBefore, CountEvents(db.Database) - storedBefore);

        var identities = measured.Select(m => m.Identity.Id).ToList();
        await Notifications.WaitAsync(realtime, identities, appeared, DeliveryWait, ct);
        var (latency, missing, early, duplicates) = Notifications.Collect(realtime, identities, appeared, errors,
            $"within {DeliveryWait.TotalSeconds:0} s of the window's end");
        if (product.Refused > 0)
        {
            errors.Add($"the product refused {product.Refused} request(s) (unknown token, bad cursor or limit)");
        }
        foreach (var failure in CursorFailures(db.Database))
        {
            errors.Add(failure);
        }

        return new ScenarioResult
        {
            Name = Name, Clients = 0, Requests = served, Units = stored, Seconds = seconds,
            Latency = latency, Errors = errors.Count, ErrorSamples = errors.Samples,
            Extra = new()
            {
                ["users"] = db.Users.Count, ["offered_events_per_s"] = o.ConnectorRate, ["events"] = count, ["missing"] = missing,
                ["received_before_appearance"] = early, ["duplicate_nudges"] = duplicates, ["first_round_s"] = Math.Round(firstRoundSeconds, 2),
                ["poll_cycle_s"] = served > 0 ? Math.Round(db.Users.Count * seconds / served, 2) : 0,
            },
        };
    }

    /// <summary>Open loop: event i appears at start + i/rate, whatever the app is doing.</summary>
    private static async Task GenerateAsync(FakeProduct product, int rate, List<(BenchUser User, BenchIdentity Identity)> items, Random random,
        long[] appeared, CancellationToken ct)
    {
        var start = Stopwatch.GetTimestamp();
        var spacing = Stopwatch.Frequency / (double)rate;
        for (var i = 0; i < items.Count; i++)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), start + (long)(i * spacing));
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }
            var room = DemoService.Rooms[random.Next(DemoService.Rooms.Length)];
            appeared[i] = product.Add(items[i].User.Index, items[i].Identity.Value, room).AppearedAt;
        }
    }

    /// <summary>Timeline rows in the app's database (read beside the running app).</summary>
    private static long CountEvents(BenchDatabase database)
    {
        using var connection = database.OpenForReading();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM \"TimelineEvents\"";
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Users whose last poll failed, as the app recorded it on their cursor (the status page's source).</summary>
    private static List<string> CursorFailures(BenchDatabase database)
    {
        using var connection = database.OpenForReading();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"UserId\", \"LastError\" FROM \"ConnectorCursors\" WHERE \"Failures\" > 0";
        using var reader = command.ExecuteReader();
        var failures = new List<string>();
        while (reader.Read())
        {
            failures.Add($"user {reader.GetString(0)}: poll failing: {(reader.IsDBNull(1) ? "" : reader.GetString(1))}");
        }
        return failures;
    }
}
