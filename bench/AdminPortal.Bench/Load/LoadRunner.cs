using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace AdminPortal.Bench.Load;

/// <summary>What one request did: its status, how many units (events) it carried, and its body when it failed.</summary>
public readonly record struct Outcome(int Status, int Units, string? ErrorBody = null)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>Returned by an operation with nothing left to send (e.g. no fresh token): the client stops, nothing is counted.</summary>
    public static readonly Outcome NoMoreWork = new(-1, 0);
}

/// <summary>One request of a scenario; <paramref name="worker"/> and <paramref name="random"/> are the client's own.</summary>
public delegate Task<Outcome> Operation(HttpClient http, int worker, Random random, CancellationToken ct);

/// <summary>
/// A closed loop: a fixed number of clients, each sending its next request as soon as the previous one answered,
/// over one keep-alive connection pool. A warm-up phase first (not measured), then a measured phase.
/// </summary>
public static class LoadRunner
{
    /// <summary>A client for the app: one instance, or several with requests spread over them in turn (<see cref="SpreadHandler"/>).</summary>
    public static HttpClient CreateClient(IReadOnlyList<Uri> instances, int clients)
    {
        HttpMessageHandler handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = clients * 2,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None, // gzip bodies are drained, not inflated: the app's work, not ours
            UseCookies = false,
        };
        if (instances.Count > 1)
        {
            handler = new SpreadHandler(instances, handler);
        }
        return new HttpClient(handler) { BaseAddress = instances[0], Timeout = TimeSpan.FromSeconds(60) };
    }

    public static async Task<ScenarioResult> RunAsync(string name, HttpClient http, int clients, TimeSpan warmUp, TimeSpan duration,
        Operation operation, CancellationToken ct)
    {
        await PhaseAsync(http, clients, warmUp, operation, latencies: null, errors: null, ct);
        var latencies = new Latencies(4_000_000);
        var errors = new ErrorLog();
        var measured = await PhaseAsync(http, clients, duration, operation, latencies, errors, ct);
        return new ScenarioResult
        {
            Name = name, Clients = clients, Requests = measured.Requests, Units = measured.Units, Seconds = measured.Seconds,
            Latency = latencies.Summarise(), Errors = errors.Count, ErrorSamples = errors.Samples,
        };
    }

    private static async Task<(long Requests, long Units, double Seconds)> PhaseAsync(HttpClient http, int clients, TimeSpan duration,
        Operation operation, Latencies? latencies, ErrorLog? errors, CancellationToken ct)
    {
        long requests = 0, units = 0;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker * 7919 + 17);
            while (clock.Elapsed < duration && !ct.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                Outcome outcome;
                try
                {
                    outcome = await operation(http, worker, random, ct);
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
                {
                    outcome = new Outcome(0, 0, ex.GetType().Name + ": " + ex.Message);
                }
                if (outcome == Outcome.NoMoreWork)
                {
                    break;
                }
                latencies?.Record(Stopwatch.GetTimestamp() - started);
                Interlocked.Increment(ref requests);
                if (outcome.Ok)
                {
                    Interlocked.Add(ref units, outcome.Units);
                }
                else
                {
                    errors?.Add(outcome);
                }
            }
        }, ct)).ToList();
        await Task.WhenAll(workers);
        return (requests, units, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Sends and drains the response; the body is kept only for a failure.</summary>
    public static async Task<Outcome> SendAsync(HttpClient http, HttpRequestMessage request, int units, CancellationToken ct)
    {
        using (request)
        using (var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct))
        {
            if (response.IsSuccessStatusCode)
            {
                await response.Content.CopyToAsync(Stream.Null, ct);
                return new Outcome((int)response.StatusCode, units);
            }
            return new Outcome((int)response.StatusCode, 0, await response.Content.ReadAsStringAsync(ct));
        }
    }
}

/// <summary>Counts failures and keeps the first few for the report.</summary>
public sealed class ErrorLog
{
    private readonly ConcurrentQueue<string> _samples = new();
    private long _count;

    public long Count => Interlocked.Read(ref _count);
    public IReadOnlyList<string> Samples => [.. _samples];

    public void Add(Outcome outcome) => Add($"{outcome.Status}: {outcome.ErrorBody}");

    public void Add(string message)
    {
        if (Interlocked.Increment(ref _count) <= 5)
        {
            _samples.Enqueue(message.Length > 500 ? message[..500] : message);
        }
    }
}
