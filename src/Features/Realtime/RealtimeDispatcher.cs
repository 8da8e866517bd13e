using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// The fast path: wakes on <see cref="RealtimeSignal"/>, drains, and sleeps until the next signal or retry. Adaptive
/// (docs/decisions/0024): an idle outbox is drained at once, so a lone event's nudge waits only for the network; a
/// signal that arrives while a drain is sending is kept (signals coalesce) and answered by the next drain, so what was
/// committed meanwhile goes out together — batches grow with the load, up to <see cref="RealtimeOptions.BatchSize"/>
/// each, and a deep queue is cut into full batches sent back to back. A non-zero
/// <see cref="RealtimeOptions.DebounceWindow"/> adds a fixed gather before every drain instead. The Hangfire
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
                    // Fixed gather (opt-in). Adaptive mode gathers only behind a drain in flight: no timer.
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
