namespace AdminPortal.Features.Realtime;

/// <summary>
/// What happens to a batch after a call: delivered on 2xx; failed on a permanent 4xx or once it is
/// older than MaxAge; otherwise retried after exponential backoff with ±20 % jitter, never sooner than
/// IFTTT's Retry-After.
/// </summary>
public static class RealtimeRetryPolicy
{
    public readonly record struct Outcome(BatchState State, DateTimeOffset NextAttemptAt);

    public static Outcome Decide(RealtimeCallResult result, RealtimeBatch batch, DateTimeOffset now, RealtimeOptions options)
    {
        if (result.Succeeded)
        {
            return new(BatchState.Delivered, now);
        }
        if (!result.Retryable)
        {
            return new(BatchState.Failed, now);
        }

        var backoff = Backoff(batch.Attempts, options);
        if (result.RetryAfter is { } retryAfter && retryAfter > backoff)
        {
            backoff = retryAfter;
        }
        var next = now + backoff;
        return next - batch.CreatedAt > options.MaxAge ? new(BatchState.Failed, now) : new(BatchState.Pending, next);
    }

    public static TimeSpan Backoff(int attempts, RealtimeOptions options)
    {
        var exponential = options.InitialBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempts - 1));
        var capped = Math.Min(exponential, options.MaxBackoff.TotalMilliseconds);
        var jitter = 0.8 + Random.Shared.NextDouble() * 0.4;
        return TimeSpan.FromMilliseconds(capped * jitter);
    }
}
