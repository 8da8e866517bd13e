using System.Threading.Channels;

namespace AdminPortal.Data;

/// <summary>
/// Moves bookkeeping writes (request log, trigger identity upserts) off the request path: requests
/// enqueue into a bounded channel, one background loop writes whatever has queued up in a single
/// transaction. When the channel is full, requests wait rather than drop (counts must not be lost);
/// on shutdown the channel is completed and drained before the host stops. A caller that must see its
/// record stored before it answers (a trigger identity's first poll) waits for its batch instead.
/// </summary>
public abstract class BatchWriter<T>(DatabaseWriteGate writeGate, ILogger logger) : BackgroundService
{
    private const int MaxBatch = 500;
    private const int Attempts = 3;
    private readonly Channel<Queued> _channel = Channel.CreateBounded<Queued>(new BoundedChannelOptions(20_000)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
    });

    /// <summary>An item, and for <see cref="WriteNowAsync"/> the signal that its batch was written (or given up on).</summary>
    private readonly record struct Queued(T Item, TaskCompletionSource? Written);

    public ValueTask EnqueueAsync(T item) => QueueAsync(new Queued(item, null));

    /// <summary>
    /// Queues the item in order with everything else and waits until its batch is committed (or dropped after the
    /// retries), at most <paramref name="patience"/>: for the rare write the caller must see stored before it answers.
    /// </summary>
    public async Task WriteNowAsync(T item, TimeSpan patience, CancellationToken ct)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await QueueAsync(new Queued(item, written));
        try
        {
            await written.Task.WaitAsync(patience, ct);
        }
        catch (TimeoutException)
        {
            // Still queued and written shortly; the caller answers rather than keep its client waiting.
            logger.LogWarning("A queued record was not written within {Patience}; answering anyway.", patience);
        }
    }

    private ValueTask QueueAsync(Queued queued) =>
        _channel.Writer.TryWrite(queued) ? ValueTask.CompletedTask : _channel.Writer.WriteAsync(queued);

    protected abstract Task WriteBatchAsync(IReadOnlyList<T> batch, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _channel.Reader;
        var batch = new List<T>(MaxBatch);
        var waiting = new List<TaskCompletionSource>();
        // Not tied to stoppingToken: the loop ends when StopAsync completes the channel and it is empty.
        while (await reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var queued))
            {
                batch.Add(queued.Item);
                if (queued.Written is { } written)
                {
                    waiting.Add(written);
                }
            }
            await WriteWithRetriesAsync(batch);
            waiting.ForEach(w => w.TrySetResult());
            batch.Clear();
            waiting.Clear();
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
