using AdminPortal.Data;

namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// One refresh token's exchanges, one at a time: the first mints the successor, the ones that queued behind it
/// then find it recorded and are handed the same one (<see cref="RefreshSuccessorHandlers"/>). Without this, N
/// parallel refreshes of one token each mint a new refresh token — N independent families. Striped by token id:
/// a fixed set of semaphores, so nothing grows with the number of tokens; two tokens sharing a stripe only wait
/// for each other's few milliseconds. On PostgreSQL, where several instances may share the database and IFTTT's
/// parallel refreshes land on different ones, the stripe is followed by a database lock on the token id
/// (<see cref="PostgresAdvisoryLock"/>, docs/decisions/0028); the stripe still queues this instance's own requests
/// in memory, so they do not each hold a connection while they wait.
/// </summary>
public sealed class RefreshTokenLocks(PostgresDatabase? postgres)
{
    /// <summary>Longer than any exchange takes; past it the request is refused rather than left hanging.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The held lock, released when disposed; null when it could not be had within <see cref="MaxWait"/>.</summary>
    public async Task<IAsyncDisposable?> AcquireAsync(string tokenId, CancellationToken ct)
    {
        var started = TimeProvider.System.GetTimestamp();
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(tokenId) % (uint)_stripes.Length];
        if (!await stripe.WaitAsync(MaxWait, ct))
        {
            return null;
        }
        var held = new Releaser(stripe);
        if (postgres is null)
        {
            return held;
        }
        try
        {
            var left = MaxWait - TimeProvider.System.GetElapsedTime(started);
            held.Database = left > TimeSpan.Zero
                ? await PostgresAdvisoryLock.TakeAsync(postgres, PostgresAdvisoryLock.Space.RefreshToken, tokenId, left, ct)
                : null;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
        if (held.Database is null)
        {
            await held.DisposeAsync();
            return null;
        }
        return held;
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IAsyncDisposable
    {
        private int _released;

        public PostgresAdvisoryLock? Database { get; set; }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                if (Database is not null)
                {
                    await Database.DisposeAsync();
                }
                stripe.Release();
            }
        }
    }
}
