namespace AdminPortal.Features.OAuth.Token;

/// <summary>
/// One refresh token's exchanges, one at a time: the first mints the successor, the ones that queued behind it
/// then find it recorded and are handed the same one (<see cref="RefreshSuccessorHandlers"/>). Without this, N
/// parallel refreshes of one token each mint a new refresh token — N independent families. Striped by token id:
/// a fixed set of semaphores, so nothing grows with the number of tokens; two tokens sharing a stripe only wait
/// for each other's few milliseconds. In-process, which is enough for the one process this app runs as.
/// </summary>
public sealed class RefreshTokenLocks
{
    /// <summary>Longer than any exchange takes; past it the request is refused rather than left hanging.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>The held lock, released when disposed; null when it could not be had within <see cref="MaxWait"/>.</summary>
    public async Task<IDisposable?> AcquireAsync(string tokenId, CancellationToken ct)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(tokenId) % (uint)_stripes.Length];
        return await stripe.WaitAsync(MaxWait, ct) ? new Releaser(stripe) : null;
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
