using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace AdminPortal.Bench.Harness;

/// <summary>
/// The company's product, faked inside the bench on Kestrel: <c>GET /api/events?after=&amp;limit=</c> answers the
/// bearer token's user's events after the cursor, oldest first, in Acme Home's shape (samples/AcmeHome/Api/EventEndpoints.cs:
/// <c>{"data":[{id,type,door,room,occurred_at}],"next_cursor"}</c>). The bench adds events with <see cref="Add"/>, which
/// records the moment each became visible to a poll (Stopwatch, the clock <see cref="FakeRealtime"/> stamps receipts with).
/// No sign-in or refresh endpoint: the seeded product tokens never expire within a run, so the app never asks for one.
/// </summary>
public sealed class FakeProduct : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, int> _users = new(StringComparer.Ordinal);
    private readonly List<ProductEvent>[] _events;
    private long _sequence;
    private long _served;
    private long _refused;

    private FakeProduct(WebApplication app, int users)
    {
        _app = app;
        _events = [.. Enumerable.Range(0, users).Select(_ => new List<ProductEvent>())];
        for (var i = 0; i < users; i++)
        {
            _users[TokenFor(i)] = i;
        }
    }

    public Uri BaseAddress { get; private set; } = null!;
    /// <summary>Event feed requests answered 200: the app's polls.</summary>
    public long Served => Interlocked.Read(ref _served);
    /// <summary>Requests answered otherwise (unknown token, bad cursor or limit): each is a bench error.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>The product access token of the user with this seed index (what the seeding stores as their product link).</summary>
    public static string TokenFor(int userIndex) => $"bench-product-token-{userIndex.ToString("D6", CultureInfo.InvariantCulture)}";

    public static async Task<FakeProduct> StartAsync(int users)
    {
        FakeProduct? fake = null;
        var (_, address) = await LocalKestrel.StartAsync(web =>
        {
            fake = new FakeProduct(web, users);
            web.MapGet("/api/events", fake.Feed);
        });
        fake!.BaseAddress = address;
        return fake;
    }

    /// <summary>A door.opened event for the user, visible to the next poll; returns its id and when it appeared.</summary>
    public (string Id, long AppearedAt) Add(int userIndex, string door, string room)
    {
        var id = $"evt_{Interlocked.Increment(ref _sequence).ToString("D8", CultureInfo.InvariantCulture)}";
        var occurred = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var list = _events[userIndex];
        lock (list)
        {
            var at = Stopwatch.GetTimestamp();
            list.Add(new ProductEvent(id, door, room, occurred));
            return (id, at);
        }
    }

    private IResult Feed(HttpRequest request, string? after, int? limit)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal) || !_users.TryGetValue(header["Bearer ".Length..], out var user))
        {
            Interlocked.Increment(ref _refused);
            return Results.Json(new { error = "invalid_token" }, statusCode: StatusCodes.Status401Unauthorized);
        }
        // Ids sort as their sequence (fixed width), so the cursor compares as text, as Acme Home's evt_ ids do by number.
        if (limit is < 1 or > 100 || (after is { Length: > 0 } && !after.StartsWith("evt_", StringComparison.Ordinal)))
        {
            Interlocked.Increment(ref _refused);
            return Results.Json(new { error = "invalid_request" }, statusCode: StatusCodes.Status400BadRequest);
        }
        var list = _events[user];
        List<ProductEvent> page;
        lock (list)
        {
            var start = string.IsNullOrEmpty(after) ? 0 : FirstAfter(list, after);
            page = list.GetRange(start, Math.Min(limit ?? 50, list.Count - start));
        }
        Interlocked.Increment(ref _served);
        var next = page.Count > 0 ? page[^1].Id : string.IsNullOrEmpty(after) ? null : after;
        return Results.Bytes(Body(page, next), "application/json");
    }

    private static int FirstAfter(List<ProductEvent> list, string after)
    {
        int low = 0, high = list.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (string.CompareOrdinal(list[mid].Id, after) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    private static byte[] Body(List<ProductEvent> page, string? next)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("data");
            foreach (var e in page)
            {
                json.WriteStartObject();
                json.WriteString("id", e.Id);
                json.WriteString("type", "door.opened");
                json.WriteString("door", e.Door);
                json.WriteString("room", e.Room);
                json.WriteString("occurred_at", e.OccurredAt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("next_cursor", next);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record ProductEvent(string Id, string Door, string Room, string OccurredAt);
}
