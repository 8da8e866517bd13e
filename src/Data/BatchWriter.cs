using System.Threading.Channels;

namespace AdminPortal.Data;

/// <summary>
/// Moves bookkeeping writes (request log, trigger identity upserts) off the request path: requests
/// enqueue into a bounded channel, one background loop writes whatever has queued up in a single
/// transaction. When the channel is full, requests wait rather than drop (counts must not be lost);
/// on shutdown the channel is completed and drained before the host stops.
/// </summary>
public abstract class BatchWriter<T>(DatabaseWriteGate writeGate, ILogger logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private const int Attempts = 3;
    private readonly Channel<T> _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(20_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    public ValueTask EnqueueAsync(T item) =>
        _channel.Writer.TryWrite(item) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(item);

    protected abstract Task WriteBatchAsync(IReadOnlyList<T> batch, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _channel.Reader;
        var batch = new List<T>(MaxBatch);
        // Not tied to stoppingToken: the loop ends when StopAsync completes the channel and it is empty.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                batch.Add(item);
            }
            await WriteWithRetriesAsync(batch);
            batch.Clear();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _channel.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteWithRetriesAsync(List<T> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using (await writeGate.EnterAsync(CancellationToken.None))
                {
                    await WriteBatchAsync(batch, CancellationToken.None);
                }
                return;
            }
            catch (Exception ex) when (attempt < Attempts)
            {
                logger.LogWarning(ex, "Writing {Count} queued record(s) failed (attempt {Attempt}); retrying.", batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt));
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Dropped {Count} queued record(s) after {Attempts} attempts.", batch.Count, Attempts);
                return;
            }
        }
    }
}
