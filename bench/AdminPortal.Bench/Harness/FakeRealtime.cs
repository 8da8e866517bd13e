using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AdminPortal.Bench.Harness;

/// <summary>
/// IFTTT's Realtime API, faked inside the bench on Kestrel: <c>POST /v1/notifications</c> answers 200 and records
/// when each trigger identity first arrived (Stopwatch timestamps, the same clock the load generator uses) and how
/// often it arrived — more than once for one event is a batch sent twice (e.g. by two instances).
/// </summary>
public sealed class FakeRealtime : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, long> _firstSeen = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _times = new(StringComparer.Ordinal);
    private long _requests;
    private long _entries;
    private long _lastRequestAt;

    private FakeRealtime(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;
    public long Requests => Interlocked.Read(ref _requests);
    public long Entries => Interlocked.Read(ref _entries);
    public long LastRequestAt => Interlocked.Read(ref _lastRequestAt);

    public static async Task<FakeRealtime> StartAsync()
    {
        FakeRealtime? fake = null;
        var (_, address) = await LocalKestrel.StartAsync(web =>
        {
            fake = new FakeRealtime(web);
            web.MapPost("/v1/notifications", fake.ReceiveAsync);
        });
        fake!.BaseAddress = address;
        return fake;
    }

    /// <summary>When <paramref name="triggerIdentity"/> was first received, if it was.</summary>
    public long? ReceivedAt(string triggerIdentity) => _firstSeen.TryGetValue(triggerIdentity, out var at) ? at : null;

    /// <summary>How many entries named <paramref name="triggerIdentity"/> since it was last forgotten.</summary>
    public int TimesReceived(string triggerIdentity) => _times.TryGetValue(triggerIdentity, out var times) ? times : 0;

    public void Forget(IEnumerable<string> triggerIdentities)
    {
        foreach (var id in triggerIdentities)
        {
            _firstSeen.TryRemove(id, out _);
            _times.TryRemove(id, out _);
        }
    }

    /// <summary>Waits (bounded) until no notification has arrived for <paramref name="quiet"/>: the app's outbox is drained.</summary>
    public async Task WaitQuietAsync(TimeSpan quiet, TimeSpan max, CancellationToken ct)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < max && Stopwatch.GetElapsedTime(Math.Max(LastRequestAt, 1)) < quiet)
        {
            await Task.Delay(100, ct);
        }
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);
        Interlocked.Exchange(ref _lastRequestAt, at);
        using var json = await JsonDocument.ParseAsync(request.Body);
        foreach (var item in json.RootElement.GetProperty("data").EnumerateArray())
        {
            Interlocked.Increment(ref _entries);
            if (item.TryGetProperty("trigger_identity", out var id) && id.GetString() is { } identity)
            {
                _firstSeen.TryAdd(identity, at);
                _times.AddOrUpdate(identity, 1, (_, times) => times + 1);
            }
        }
        return Results.Ok();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
