using System.Threading.Channels;

namespace AdminPortal.Features.Realtime;

/// <summary>
/// Wakes the in-process dispatcher as soon as notifications are committed, so an idle system sends
/// at once (or after the debounce window, when one is set) instead of waiting for the next Hangfire poll. Signals
/// coalesce: any number that arrive while a drain runs wake exactly one more drain.
/// </summary>
public sealed class RealtimeSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>True when a signal arrived, false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken ct)
    {
        if (_channel.Reader.TryRead(out _))
        {
            return true;
        }
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timer.CancelAfter(timeout);
        try
        {
            await _channel.Reader.WaitToReadAsync(timer.Token);
            return _channel.Reader.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }
}
