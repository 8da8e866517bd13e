using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StandardWebhooks;

namespace AdminPortal.IntegrationTests.ProductApi;

/// <summary>
/// A small product on real Kestrel at 127.0.0.1 with the sample's API shape (rooms, lights, notes, errors as
/// <c>{"error","message"}</c>, Idempotency-Key honoured, bearer tokens it issued and can expire or revoke, queued
/// faults), standing in until the sample product (branch <c>sample</c>) lands. It verifies Standard Webhooks
/// signatures with the StandardWebhooks library and records what it received.
/// </summary>
public sealed class StandInProduct : IAsyncDisposable
{
    public const string SigningSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    private static readonly Dictionary<string, (string Id, string Name, string Floor)[]> Rooms = new()
    {
        ["usr_alice"] = [("kitchen", "Kitchen", "Ground floor"), ("living-room", "Living room", "Ground floor"), ("garage", "Garage", "Outside")],
        ["usr_bob"] = [("office", "Office", "First floor"), ("bedroom", "Bedroom", "First floor")],
    };

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _access = new();   // access token → subject
    private readonly ConcurrentDictionary<string, string> _refresh = new();  // refresh token → subject
    private readonly ConcurrentDictionary<string, JsonElement> _idempotent = new();
    private readonly ConcurrentQueue<Fault> _faults = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private int _commands;

    private StandInProduct(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;
    public IReadOnlyList<Received> Calls => [.. _received];

    public sealed record Received(string Method, string Path, string? Subject, string? Authorization, string? IdempotencyKey, string Body, bool? SignatureValid);

    public sealed record Fault(string Path, int Status = 0, int DelayMs = 0);

    public static async Task<StandInProduct> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var product = new StandInProduct(builder.Build());
        product.Map();
        await product._app.StartAsync();
        product.BaseUrl = new Uri(product._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return product;
    }

    /// <summary>Signs a user in (what the product's own OIDC would do): a fresh access and refresh token.</summary>
    public (string Access, string Refresh) SignIn(string subject)
    {
        var access = $"at_{Guid.NewGuid():N}";
        var refresh = $"rt_{Guid.NewGuid():N}";
        _access[access] = subject;
        _refresh[refresh] = subject;
        return (access, refresh);
    }

    /// <summary>The refresh grant, as a token endpoint answers it: null is invalid_grant.</summary>
    public (string Access, string Refresh)? Refresh(string refreshToken) =>
        _refresh.TryRemove(refreshToken, out var subject) ? SignIn(subject) : null;

    /// <summary>Every access token of the subject expires now (its refresh tokens still work).</summary>
    public void ExpireAccessTokens(string subject)
    {
        foreach (var (token, owner) in _access)
        {
            if (owner == subject)
            {
                _access.TryRemove(token, out _);
            }
        }
    }

    /// <summary>Every token of the subject is revoked: the next refresh is refused.</summary>
    public void RevokeAll(string subject)
    {
        ExpireAccessTokens(subject);
        foreach (var (token, owner) in _refresh)
        {
            if (owner == subject)
            {
                _refresh.TryRemove(token, out _);
            }
        }
    }

    public void QueueFault(Fault fault) => _faults.Enqueue(fault);

    public void Reset()
    {
        _faults.Clear();
        _received.Clear();
    }

    private void Map()
    {
        _app.MapPost("/api/rooms/{room}/lights/on", async (string room, HttpContext http) =>
        {
            var (subject, body, result) = await EnterAsync(http);
            if (result is not null)
            {
                return result;
            }
            if (http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key && _idempotent.TryGetValue($"{subject}:{key}", out var first))
            {
                return Results.Json(first, statusCode: 201);
            }
            if (!RoomsOf(subject!).Any(r => r.Id == room))
            {
                return Error(404, "not_found", $"Room '{room}' does not exist.");
            }
            var id = $"cmd_{Interlocked.Increment(ref _commands):D6}";
            var created = JsonSerializer.SerializeToElement(new { id, status = "done", url = $"{BaseUrl}api/commands/{id}", body = JsonDocument.Parse(body).RootElement });
            if (http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } newKey)
            {
                _idempotent[$"{subject}:{newKey}"] = created;
            }
            return Results.Json(created, statusCode: 201);
        });
        _app.MapPost("/api/notes", async (HttpContext http) =>
        {
            var (_, body, result) = await EnterAsync(http);
            if (result is not null)
            {
                return result;
            }
            var text = JsonDocument.Parse(body).RootElement.GetProperty("text").GetString();
            return string.IsNullOrWhiteSpace(text)
                ? Error(422, "invalid", "A note needs some text.")
                : Results.Json(new { id = $"note_{Interlocked.Increment(ref _commands):D6}", url = $"{BaseUrl}api/notes/1" }, statusCode: 201);
        });
        // Newest first, paged by an opaque cursor (the position after which the next page starts).
        _app.MapGet("/api/events/history", async (HttpContext http, string? door, string? cursor, int? limit) =>
        {
            var (subject, _, result) = await EnterAsync(http);
            if (result is not null)
            {
                return result;
            }
            var events = Enumerable.Range(1, 5).Reverse()
                .Select(i => new { id = $"evt_{i:D6}", type = "door.opened", door = i % 2 == 0 ? "back" : "front", room = "living-room",
                    occurred_at = new DateTimeOffset(2026, 12, 2, 6, i, 0, TimeSpan.Zero).ToString("o") })
                .Where(e => door is null || e.door == door)
                .ToList();
            var start = cursor is null ? 0 : int.Parse(cursor[4..]);
            var page = events.Skip(start).Take(limit ?? 50).ToList();
            var more = start + page.Count < events.Count;
            return Results.Json(new { data = page, cursor = more ? $"pos_{start + page.Count}" : null });
        });
        _app.MapGet("/api/doors/{door}", async (string door, HttpContext http) =>
        {
            var (subject, _, result) = await EnterAsync(http);
            var doors = subject?.StartsWith("usr_alice", StringComparison.Ordinal) == true ? new[] { "front", "back" } : ["main"];
            return result ?? (doors.Contains(door) ? Results.Json(new { id = door }) : Error(404, "not_found", $"Door '{door}' does not exist."));
        });
        _app.MapGet("/api/rooms", async (HttpContext http) =>
        {
            var (subject, _, result) = await EnterAsync(http);
            return result ?? Results.Json(new { data = RoomsOf(subject!).Select(r => new { id = r.Id, name = r.Name, floor = r.Floor }) });
        });
    }

    /// <summary>Records the call, applies a queued fault for its path, checks the bearer token.</summary>
    private async Task<(string? Subject, string Body, IResult? Result)> EnterAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body);
        var body = await reader.ReadToEndAsync();
        var authorization = http.Request.Headers.Authorization.ToString();
        var subject = authorization.StartsWith("Bearer ", StringComparison.Ordinal) && _access.TryGetValue(authorization[7..], out var s) ? s : null;
        bool? signed = null;
        if (http.Request.Headers.ContainsKey("webhook-signature"))
        {
            try
            {
                new StandardWebhook(SigningSecret).Verify(body, http.Request.Headers);
                signed = true;
            }
            catch (Exception)
            {
                signed = false;
            }
        }
        _received.Enqueue(new Received(http.Request.Method, http.Request.Path + http.Request.QueryString, subject, authorization,
            http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null, body, signed));

        if (_faults.TryPeek(out var fault) && fault.Path == http.Request.Path && _faults.TryDequeue(out fault))
        {
            if (fault.DelayMs > 0)
            {
                await Task.Delay(fault.DelayMs, CancellationToken.None);
            }
            if (fault.Status > 0)
            {
                return (subject, body, Error(fault.Status, "fault", $"Injected {fault.Status}."));
            }
        }
        if (subject is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            return (null, body, Error(401, "invalid_token", "The access token is invalid or expired."));
        }
        return (subject, body, null);
    }

    /// <summary>Tests give each user a subject of their own (<c>usr_alice~1234</c>): the part before '~' picks the seeded rooms.</summary>
    private static (string Id, string Name, string Floor)[] RoomsOf(string subject) => Rooms[subject.Split('~')[0]];

    private static IResult Error(int status, string code, string message) => Results.Json(new { error = code, message }, statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
