using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Ingest;

/// <summary>
/// The two gates a large ingest request passes. Receiving: at most <see cref="IngestOptions.MaxConcurrentUploads"/>
/// bodies at once, refused at once beyond that, and each under a deadline and a minimum rate, so slow senders hold
/// a receive slot for a bounded time and never the store. Storing: parse and store at most two batches at a time
/// (one storing, one getting ready) — every event ends behind SQLite's single write lock anyway, and a crowd of parsed
/// 1000-event batches waiting for it is what made memory grow with the number of senders. A received batch waits
/// for its turn at most <see cref="IngestOptions.AdmissionWait"/>. Per instance on purpose: with several instances on
/// PostgreSQL each guards its own memory and receives its own uploads; storing a source id once across them is the
/// database's job (<c>ITimelineSql.LockSourcesAsync</c>, docs/decisions/0028), not this gate's.
/// </summary>
public sealed class IngestAdmission(IOptionsMonitor<IngestOptions> options)
{
    private readonly SemaphoreSlim _store = new(2, 2);
    private int _receiving;

    /// <summary>Bodies being received now (for telemetry and for tests that must know a slow upload has arrived).</summary>
    public int Receiving => Volatile.Read(ref _receiving);

    /// <summary>A receive slot, or null when all are taken (answer 503).</summary>
    public Slot? TryStartReceiving()
    {
        if (Interlocked.Increment(ref _receiving) > options.CurrentValue.MaxConcurrentUploads)
        {
            Interlocked.Decrement(ref _receiving);
            return null;
        }
        return new Slot(() => Interlocked.Decrement(ref _receiving));
    }

    /// <summary>A store slot, or null when none freed up within the configured wait (answer 503).</summary>
    public async Task<Slot?> EnterStoreAsync(CancellationToken ct) =>
        await _store.WaitAsync(options.CurrentValue.AdmissionWait, ct) ? new Slot(() => _store.Release()) : null;

    public sealed class Slot(Action release) : IDisposable
    {
        private Action? _release = release;

        public void Dispose() => Interlocked.Exchange(ref _release, null)?.Invoke();
    }
}
