using System.Collections.Concurrent;
using System.Globalization;
using AdminPortal.Features.ProductLink;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AdminPortal.IntegrationTests.Connectors;

/// <summary>
/// A product on real Kestrel at 127.0.0.1 serving the sample's events API exactly as the shim contract describes it
/// (<c>GET /api/events?after=&amp;limit=</c>: the caller's events after the cursor, oldest first, <c>next_cursor</c>),
/// with bearer tokens it issued and queued faults (429 with Retry-After, 500). Stands in until the sample product
/// (branch <c>sample</c>) lands; it records every request so tests can say who was asked for what.
/// </summary>
public sealed class StandInEventsProduct : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _tokens = new(); // access token → subject
    private readonly List<(long Seq, string Subject, Dictionary<string, string> Item)> _events = [];
    private readonly ConcurrentQueue<(int Status, int RetryAfter)> _faults = new();
    private readonly ConcurrentQueue<(string Subject, string Query)> _calls = new();
    private long _sequence;

    private StandInEventsProduct(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The subject of every events request that carried a valid token, with its query string.</summary>
    public IReadOnlyList<(string Subject, string Query)> Calls => [.. _calls];

    public static async Task<StandInEventsProduct> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var product = new StandInEventsProduct(builder.Build());
        product._app.MapGet("/api/events", product.Events);
        await product._app.StartAsync();
        product.BaseUrl = new Uri(product._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return product;
    }

    public string SignIn(string subject)
    {
        var token = $"at_{Guid.NewGuid():N}";
        _tokens[token] = subject;
        return token;
    }

    /// <summary>What the product's own app does when a door opens (the sample's <c>POST /api/doors/{door}/open</c>).</summary>
    public string OpenDoor(string subject, string door, string type = "door.opened", bool withDate = true)
    {
        lock (_events)
        {
            var seq = ++_sequence;
            var id = $"evt_{seq:D6}";
            var item = new Dictionary<string, string> { ["id"] = id, ["type"] = type, ["door"] = door, ["room"] = "living-room" };
            if (withDate)
            {
                item["occurred_at"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            }
            _events.Add((seq, subject, item));
            return id;
        }
    }

    public void Fail(int status, int retryAfterSeconds = 0) => _faults.Enqueue((status, retryAfterSeconds));

    private IResult Events(HttpContext http, string? after, int? limit)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || !_tokens.TryGetValue(authorization[7..], out var subject))
        {
            return Results.Json(new { error = "invalid_token", message = "The access token is missing or invalid." }, statusCode: 401);
        }
        _calls.Enqueue((subject, http.Request.QueryString.Value ?? ""));
        if (_faults.TryDequeue(out var fault))
        {
            if (fault.RetryAfter > 0)
            {
                http.Response.Headers.RetryAfter = fault.RetryAfter.ToString(CultureInfo.InvariantCulture);
            }
            return Results.Json(new { error = "rate_limited", message = "Slow down." }, statusCode: fault.Status);
        }
        var afterSeq = after is { Length: > 4 } a && long.TryParse(a[4..], CultureInfo.InvariantCulture, out var s) ? s : 0;
        List<Dictionary<string, string>> page;
        lock (_events)
        {
            page = [.. _events.Where(e => e.Subject == subject && e.Seq > afterSeq).Take(Math.Clamp(limit ?? 50, 1, 100)).Select(e => e.Item)];
        }
        return Results.Json(new { data = page, next_cursor = page.Count > 0 ? page[^1]["id"] : after });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>
/// <see cref="IProductTokens"/> over tokens the stand-in product issued, until the product-link feature's real one lands;
/// a user without a link is a broken link, as there.
/// </summary>
public sealed class StandInEventsTokens : IProductTokens
{
    private readonly ConcurrentDictionary<string, string> _links = new();

    public void Link(string userId, string token) => _links[userId] = token;

    public Task<string> GetAccessTokenAsync(string userId, CancellationToken ct) =>
        _links.TryGetValue(userId, out var token) ? Task.FromResult(token) : throw new ProductLinkBrokenException("This account is not linked to the product.");

    public Task<string> RefreshAfterRejectionAsync(string userId, string rejected, CancellationToken ct) =>
        throw new ProductLinkBrokenException("The product refused the sign-in.");
}
