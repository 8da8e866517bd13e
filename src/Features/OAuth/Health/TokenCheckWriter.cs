using AdminPortal.Data;

namespace AdminPortal.Features.OAuth.Health;

/// <summary>
/// Writes the successful token checks of IFTTT's hot paths (a refresh, a new link, a good user/info call) in batches
/// off the request path, like the request log: each was two write transactions and four reads on every refresh,
/// about a third of its cost (decision 0032). A batch is one transaction: its checks, then each user's recomputed
/// state. Failures are rarer and what the dashboard and alerts react to, so they are still written before the
/// answer (<see cref="TokenHealthRecorder.RecordAsync"/>). Each check carries the time it happened, so a queued success
/// and a failure written meanwhile still come out in order.
/// </summary>
public sealed class TokenCheckWriter(IServiceScopeFactory scopes, DatabaseWriteGate writeGate, ILogger<TokenCheckWriter> logger)
    : BatchWriter<TokenCheck>(writeGate, logger)
{
    protected override async Task WriteBatchAsync(IReadOnlyList<TokenCheck> batch, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TokenHealthRecorder>().WriteAsync(batch, ct);
    }
}
