using System.Diagnostics;
using AdminPortal.Bench.Harness;
using AdminPortal.Bench.Load;

namespace AdminPortal.Bench.Scenarios;

/// <summary>
/// The realtime half of an open-loop scenario: each item is a trigger identity used once and the moment its event
/// happened (0: it never did, e.g. its ingest failed); the latency is from that moment to the fake Realtime API's receipt.
/// </summary>
internal static class Notifications
{
    /// <summary>Waits (at most <paramref name="wait"/>) until every identity with a moment has been received.</summary>
    public static async Task WaitAsync(FakeRealtime fake, IReadOnlyList<string> identities, long[] since, TimeSpan wait, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < wait && identities.Where((_, i) => since[i] != 0).Any(id => fake.ReceivedAt(id) is null))
        {
            await Task.Delay(100, ct);
        }
    }

    /// <summary>
    /// Latencies of the received; a missing one is an error; <c>Early</c> counts receipts before the moment (stale
    /// nudges); <c>Duplicates</c> the entries beyond the first for an identity whose one event should cause one nudge — each an
    /// error too.
    /// </summary>
    public static (Percentiles Latency, long Missing, long Early, long Duplicates) Collect(FakeRealtime fake, IReadOnlyList<string> identities, long[] since,
        ErrorLog errors, string within)
    {
        var latencies = new Latencies(identities.Count);
        long missing = 0, early = 0, duplicates = 0;
        for (var i = 0; i < identities.Count; i++)
        {
            if (since[i] == 0)
            {
                continue; // the event itself failed: already an error
            }
            if (fake.ReceivedAt(identities[i]) is not { } received)
            {
                missing++;
                errors.Add($"no realtime notification for identity {identities[i]} {within}");
                continue;
            }
            early += received < since[i] ? 1 : 0;
            var extra = Math.Max(0, fake.TimesReceived(identities[i]) - 1);
            if (extra > 0)
            {
                // One event, one nudge: on several instances a second one means two of them sent one batch (decision 0028).
                errors.Add($"identity {identities[i]} nudged {extra + 1} times for its one event");
            }
            duplicates += extra;
            latencies.Record(Math.Max(0, received - since[i]));
        }
        return (latencies.Summarise(), missing, early, duplicates);
    }
}
