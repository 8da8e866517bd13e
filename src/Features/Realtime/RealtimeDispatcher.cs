using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// The fast path: wakes on <see cref="RealtimeSignal"/>, waits the debounce window so a burst of
/// events becomes one request, drains, and sleeps until the next signal or retry. The Hangfire
/// <see cref="RealtimeDrainJob"/> is the safety net should this loop ever stall.
/// </summary>
internal sealed class RealtimeDispatcher(
    RealtimeSignal signal,
    RealtimeDrainer drainer,
    IOptions<RealtimeOptions> options,
    TimeProvider clock,
    ILogger<RealtimeDispatcher> logger) : BackgroundService
{
    /// <summary>With nothing signalled and no retry due, look anyway this often (notifications left by a crash).</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DateTimeOffset? nextRetry = null;
        // Start with a drain: anything queued before a restart goes out now.
        var signalled = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (signalled && options.Value.DebounceWindow > TimeSpan.Zero)
                {
                    await Task.Delay(options.Value.DebounceWindow, clock, stoppingToken);
                }
                nextRetry = await drainer.DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Realtime drain failed; retrying shortly");
                nextRetry = clock.GetUtcNow() + TimeSpan.FromSeconds(5);
            }

            var wait = nextRetry is { } due ? Clamp(due - clock.GetUtcNow()) : IdleCheck;
            signalled = await signal.WaitAsync(wait, clock, stoppingToken);
        }
    }

    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.Zero ? TimeSpan.Zero : wait > IdleCheck ? IdleCheck : wait;
}
