using System.Collections.Concurrent;
using System.Text.Json.Serialization;

namespace AcmeHome.Hosting;

/// <summary>A queued failure for the next requests to one path (tests only: <c>Faults:Enabled=true</c>).</summary>
/// <remarks>Property names as the contract spells them (<c>retryAfter</c>, <c>delayMs</c>), not the API's snake_case.</remarks>
public sealed record FaultRequest(
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("status")] int? Status,
    [property: JsonPropertyName("retryAfter")] int? RetryAfter,
    [property: JsonPropertyName("delayMs")] int? DelayMs,
    [property: JsonPropertyName("count")] int? Count);

/// <summary>Faults by path, first queued first served, each for <c>Count</c> requests.</summary>
public sealed class FaultQueue
{
    private sealed class Entry(FaultRequest fault, int remaining)
    {
        public FaultRequest Fault { get; } = fault;
        public int Remaining = remaining;
    }

    private readonly ConcurrentQueue<Entry> entries = new();
    private readonly Lock gate = new();

    public void Add(FaultRequest fault) => entries.Enqueue(new Entry(fault, Math.Max(1, fault.Count ?? 1)));

    public void Clear() => entries.Clear();

    public FaultRequest? Take(PathString path)
    {
        lock (gate)
        {
            foreach (var entry in entries)
            {
                if (entry.Remaining > 0 && string.Equals(
                        entry.Fault.Path?.TrimEnd('/'), path.Value?.TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
                {
                    entry.Remaining--;
                    return entry.Fault;
                }
            }

            return null;
        }
    }
}

public static class FaultExtensions
{
    public static bool FaultsEnabled(this IConfiguration configuration) => configuration.GetValue("Faults:Enabled", false);

    /// <summary>Answers queued faults before anything else runs, as a failing proxy or overloaded product would.</summary>
    public static void UseAcmeFaults(this WebApplication app)
    {
        if (!app.Configuration.FaultsEnabled())
        {
            return;
        }

        var queue = app.Services.GetRequiredService<FaultQueue>();
        app.Use(async (ctx, next) =>
        {
            var fault = ctx.Request.Path.StartsWithSegments("/_faults") ? null : queue.Take(ctx.Request.Path);
            if (fault?.DelayMs is > 0)
            {
                await Task.Delay(fault.DelayMs.Value, ctx.RequestAborted);
            }

            if (fault?.Status is not { } status)
            {
                await next(ctx);
                return;
            }

            if (status == StatusCodes.Status429TooManyRequests || fault.RetryAfter is not null)
            {
                ctx.Response.Headers.RetryAfter = (fault.RetryAfter ?? 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var (error, message) = status switch
            {
                429 => ("rate_limited", $"Too many requests. Retry after {fault.RetryAfter ?? 1} seconds."),
                503 => ("unavailable", "Acme Home is down for maintenance. Try again later."),
                >= 500 => ("server_error", "Something went wrong on our side. Try again later."),
                _ => ("error", $"The request failed with status {status}."),
            };
            await ApiError.WriteAsync(ctx, status, error, message);
        });
    }
}
