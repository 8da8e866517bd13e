using System.Diagnostics;

namespace AdminPortal.Bench.Load;

/// <summary>One open-loop step: requests offered at a fixed rate, with what came back.</summary>
public sealed record OpenLoopStep(double Rate, long Requests, double Seconds, Percentiles Latency, ErrorLog Errors);

/// <summary>
/// Open loop: request i is due at start + i/rate whatever the answers, at most <c>maxInFlight</c> at once. Latency runs
/// from the moment a request was due, not when it left, so a queue in front of a slow app counts (no coordinated omission).
/// </summary>
public static class OpenLoop
{
    public static async Task<OpenLoopStep> RunAsync(double rate, TimeSpan duration, int maxInFlight, Func<long, Random, Task<Outcome>> operation,
        CancellationToken ct)
    {
        var count = Math.Max(1, (long)(rate * duration.TotalSeconds));
        var latencies = new Latencies((int)Math.Min(count, 4_000_000));
        var errors = new ErrorLog();
        using var inFlight = new SemaphoreSlim(maxInFlight);
        var random = new Random(unchecked((int)count * 31 + 7));
        var tasks = new List<Task>((int)Math.Min(count, 1_000_000));
        var start = Stopwatch.GetTimestamp();
        var spacing = Stopwatch.Frequency / rate;
        for (long i = 0; i < count && !ct.IsCancellationRequested; i++)
        {
            var due = start + (long)(i * spacing);
            if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { TotalMilliseconds: > 1 } wait)
            {
                await Task.Delay(wait, ct);
            }
            await inFlight.WaitAsync(ct);
            var sequence = i;
            var itsRandom = new Random(random.Next()); // the operation runs on another thread: its own generator
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var outcome = await operation(sequence, itsRandom);
                    if (!outcome.Ok)
                    {
                        errors.Add(outcome);
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    errors.Add(ex.GetType().Name + ": " + ex.Message);
                }
                finally
                {
                    latencies.Record(Stopwatch.GetTimestamp() - due);
                    inFlight.Release();
                }
            }, ct));
        }
        await Task.WhenAll(tasks);
        return new OpenLoopStep(rate, count, Stopwatch.GetElapsedTime(start).TotalSeconds, latencies.Summarise(), errors);
    }
}
