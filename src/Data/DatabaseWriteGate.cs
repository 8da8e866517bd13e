namespace AdminPortal.Data;

/// <summary>
/// The app's writers take turns here before they open a write transaction. SQLite allows one writer at a time and
/// makes the others poll its lock with sleeps of up to 100 ms, leaving the lock idle while they sleep; a FIFO queue in
/// the process hands it straight on instead. The bulk writers (ingest, the realtime drainer, the background
/// bookkeeping writers) enter it explicitly around their transactions; on SQLite every other
/// <see cref="AppDbContext"/> save outside an explicit transaction (OpenIddict's token entries, Identity's users,
/// token health) takes a turn too (<see cref="GatesEverySave"/>, docs/decisions/0032). A save inside a turn this
/// flow already holds does not queue again. Writers outside this process still meet SQLite's busy timeout as before.
/// On PostgreSQL the explicit turns still queue this instance's bulk writers, nothing relies on it across instances
/// (docs/decisions/0028), and plain saves do not queue: PostgreSQL takes concurrent writers itself.
/// </summary>
public sealed class DatabaseWriteGate(bool gatesEverySave = false)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AsyncLocal<Holder?> _holder = new();

    /// <summary>True on SQLite: every save of the app's context outside an explicit transaction takes a turn.</summary>
    public bool GatesEverySave { get; } = gatesEverySave;

    /// <summary>This async flow (or the one that started it) holds a turn now.</summary>
    public bool HeldHere => _holder.Value is { Held: true };

    /// <summary>
    /// Not an async method on purpose: the holder is set in the caller's own execution context, so the code the
    /// caller runs inside its turn sees <see cref="HeldHere"/>. It becomes true only once the turn is taken.
    /// </summary>
    public ValueTask<Turn> EnterAsync(CancellationToken ct)
    {
        var holder = new Holder();
        var waiting = _gate.WaitAsync(ct);
        _holder.Value = holder;
        return waiting.IsCompletedSuccessfully ? ValueTask.FromResult(Taken(holder)) : AwaitTurnAsync(waiting, holder);
    }

    /// <summary>The blocking form, for EF's synchronous SaveChanges.</summary>
    public Turn Enter()
    {
        var holder = new Holder();
        _gate.Wait();
        _holder.Value = holder;
        return Taken(holder);
    }

    private async ValueTask<Turn> AwaitTurnAsync(Task waiting, Holder holder)
    {
        await waiting;
        return Taken(holder);
    }

    private Turn Taken(Holder holder)
    {
        holder.Held = true;
        return new Turn(_gate, holder);
    }

    internal sealed class Holder
    {
        public volatile bool Held;
    }

    /// <summary>Dispose to hand the turn on.</summary>
    public readonly struct Turn : IDisposable
    {
        private readonly SemaphoreSlim _gate;
        private readonly Holder _holder;

        internal Turn(SemaphoreSlim gate, Holder holder) => (_gate, _holder) = (gate, holder);

        public void Dispose()
        {
            _holder.Held = false;
            _gate.Release();
        }
    }
}
