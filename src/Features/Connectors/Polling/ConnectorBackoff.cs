namespace AdminPortal.Features.Connectors.Polling;

/// <summary>When to poll a user again after a failed poll: the product's Retry-After if longer, else exponential.</summary>
public static class ConnectorBackoff
{
    public static TimeSpan Decide(int failures, TimeSpan? retryAfter, TimeSpan baseDelay, TimeSpan max)
    {
        var exponent = Math.Clamp(failures - 1, 0, 20);
        var exponential = TimeSpan.FromTicks(Math.Min(max.Ticks, baseDelay.Ticks * (1L << exponent)));
        // A product that says when to come back knows best, even past our own cap (it is rate limiting us).
        return retryAfter is { } wait && wait > exponential ? wait : exponential;
    }
}
