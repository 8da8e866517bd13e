using System.Diagnostics.Metrics;

namespace AdminPortal.Features.Telemetry;

/// <summary>
/// Answers an observation from the last reading and, when that is older than the refresh interval, starts one new
/// reading in the background. Only the first observation waits (briefly) for a value; a failed reading keeps the last.
/// </summary>
internal sealed class CachedGauge(IStateGauge gauge, TimeSpan refresh, TimeProvider clock, ILogger logger)
{
    private static readonly TimeSpan FirstReadWait = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private IReadOnlyList<Measurement<double>>? _last;
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Task? _reading;

    public IEnumerable<Measurement<double>> Observe()
    {
        Task? reading;
        lock (_lock)
        {
            if (_reading is null && clock.GetUtcNow() - _readAt >= refresh)
            {
                _readAt = clock.GetUtcNow();
                _reading = Task.Run(ReadAsync);
            }
            reading = _reading;
        }
        if (Volatile.Read(ref _last) is null && reading is not null)
        {
            reading.Wait(FirstReadWait);
        }
        return Volatile.Read(ref _last) ?? [];
    }

    private async Task ReadAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            Volatile.Write(ref _last, await gauge.ReadAsync(timeout.Token));
        }
        catch (ObjectDisposedException)
        {
            // The host is stopping and the exporters' last collection came after the container closed: keep the last value.
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reading the gauge {Gauge} failed; the last value stays", gauge.Name);
        }
        finally
        {
            lock (_lock)
            {
                _reading = null;
            }
        }
    }
}
