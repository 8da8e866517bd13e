using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminPortal.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in for IFTTT's Realtime API on real Kestrel at 127.0.0.1: records every request exactly as
/// received and answers with scripted responses (200 once the script runs out).
/// </summary>
public sealed class FakeIftttRealtime : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<ReceivedCall> _received = new();
    private readonly ConcurrentQueue<TaskCompletionSource> _holds = new();

    private FakeIftttRealtime(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";
    public IReadOnlyCollection<ReceivedCall> Received => _received;

    public static async Task<FakeIftttRealtime> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var fake = new FakeIftttRealtime(builder.Build());
        fake._app.MapPost("/v1/notifications", fake.HandleAsync);
        await fake._app.StartAsync();
        fake.BaseUrl = fake._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return fake;
    }

    /// <summary>The next calls get these answers, in order.</summary>
    public void Respond(int status, string body = "", TimeSpan? retryAfter = null) =>
        _script.Enqueue(new ScriptedResponse(status, body, retryAfter));

    /// <summary>
    /// The next call is recorded on arrival but answered only once the returned source is completed: a send held in
    /// flight, to see what the app does meanwhile.
    /// </summary>
    public TaskCompletionSource HoldNextAnswer()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holds.Enqueue(release);
        return release;
    }

    /// <summary>Waits until at least <paramref name="count"/> calls arrived; fails after <paramref name="within"/>.</summary>
    public async Task<IReadOnlyList<ReceivedCall>> WaitForCallsAsync(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (_received.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {count} realtime call(s) within {within}, got {_received.Count}.");
            }
            await Task.Delay(25);
        }
        return _received.ToList();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        _received.Enqueue(new ReceivedCall(
            DateTimeOffset.UtcNow,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.ContentType,
            body));

        if (_holds.TryDequeue(out var hold))
        {
            await hold.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        var answer = _script.TryDequeue(out var scripted) ? scripted : new ScriptedResponse(200, "", null);
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter)
        {
            context.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString();
        }
        await context.Response.WriteAsync(answer.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record ScriptedResponse(int Status, string Body, TimeSpan? RetryAfter);
}

public sealed record ReceivedCall(DateTimeOffset At, IReadOnlyDictionary<string, string> Headers, string? ContentType, string Body)
{
    /// <summary>The <c>trigger_identity</c> (or <c>user_id</c>) values of the body's data array.</summary>
    public IReadOnlyList<string> Entries()
    {
        using var json = JsonDocument.Parse(Body);
        return json.RootElement.GetProperty("data").EnumerateArray()
            .Select(e => (e.TryGetProperty("trigger_identity", out var id) ? id : e.GetProperty("user_id")).GetString()!)
            .ToList();
    }
}
