namespace AdminPortal.Data;

/// <summary>
/// The app's writers (ingest, the realtime drainer, the background bookkeeping writers) take turns here before they
/// open a write transaction. SQLite allows one writer at a time and makes the others poll its lock with sleeps of up
/// to 100 ms, leaving the lock idle while they sleep; a FIFO queue in the process hands it straight on instead.
/// Writers outside this process (or ones that skip the gate) still meet SQLite's busy timeout as before. On PostgreSQL
/// it still queues this instance's writers, and nothing relies on it across instances (docs/decisions/0028).
/// </summary>
public sealed class DatabaseWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        return new Turn(_gate);
    }

    /// <summary>Dispose to hand the turn on.</summary>
    public readonly struct Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
