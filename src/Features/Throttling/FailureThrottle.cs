using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Throttling;

/// <summary>The things whose failures are counted, each with its own limit in <see cref="RateLimitOptions"/>.</summary>
public enum Throttled
{
    SignIn,
    Registration,
    Token,
    ServiceKey,
    IngestKey,
}

/// <summary>
/// Counts failures per client IP address in fixed windows, with the built-in limiters (System.Threading.RateLimiting,
/// the ones ASP.NET Core's rate-limiting middleware is configured with). The middleware counts requests; what must be
/// limited here is failures, decided after the credential check, so callers ask <see cref="RetryAfter"/> and report
/// <see cref="Count"/> themselves. Checking takes no permit (a zero-permit acquire), so only failures use the budget.
/// Counts are per instance, on purpose (decision 0027): several instances give a guesser several budgets, and sharing
/// them would cost a database write per failure — the traffic they exist to absorb.
/// </summary>
public sealed class FailureThrottle : IDisposable
{
    private readonly Dictionary<Throttled, PartitionedRateLimiter<string>> _limiters;

    public FailureThrottle(IOptions<RateLimitOptions> options)
    {
        var limits = options.Value;
        _limiters = new()
        {
            [Throttled.SignIn] = Create(limits.SignIn),
            [Throttled.Registration] = Create(limits.Registration),
            [Throttled.Token] = Create(limits.Token),
            [Throttled.ServiceKey] = Create(limits.ServiceKey),
            [Throttled.IngestKey] = Create(limits.IngestKey),
        };
    }

    /// <summary>How long the caller must wait when <paramref name="what"/>'s budget for its IP is spent; null while there is budget.</summary>
    public TimeSpan? RetryAfter(Throttled what, HttpContext http)
    {
        using var lease = _limiters[what].AttemptAcquire(PartitionOf(http), permitCount: 0);
        return lease.IsAcquired ? null : WaitOf(lease);
    }

    /// <summary>Counts one failure (or attempt); returns how long to wait when no budget was left for it (answer 429 then).</summary>
    public TimeSpan? Count(Throttled what, HttpContext http)
    {
        using var spent = _limiters[what].AttemptAcquire(PartitionOf(http));
        return spent.IsAcquired ? null : WaitOf(spent);
    }

    /// <summary>429 with <c>Retry-After</c> in whole seconds (at least one); the caller writes the body in its protocol's shape.</summary>
    public static void MarkTooMany(HttpResponse response, TimeSpan wait)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Seconds(wait).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The wait in words for a form: whole minutes, at least one.</summary>
    public static int Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));

    public static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    // Without a known address (a test host, a proxy that hid it) every such caller shares one partition.
    private static string PartitionOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static TimeSpan WaitOf(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);

    private static PartitionedRateLimiter<string> Create(FailureLimit limit) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
}
