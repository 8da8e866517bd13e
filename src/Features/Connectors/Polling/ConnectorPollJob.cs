using AdminPortal.Data;
using AdminPortal.Features.Connectors.Sources;
using Hangfire;
using Microsoft.Extensions.Options;

namespace AdminPortal.Features.Connectors.Polling;

/// <summary>
/// The recurring poll: for every trigger with a <c>Poll</c> source, the users that are due (linked, with an active
/// identity for it, past their interval or backoff), polled at most <see cref="ConnectorOptions.MaxConcurrency"/> at a
/// time, each in its own scope (a DbContext serves one poll at a time). Users without an active identity are never asked.
/// </summary>
public sealed class ConnectorPollJob(
    IServiceScopeFactory scopes, ConnectorSources sources, IOptions<ConnectorOptions> options, TimeProvider clock, JobStorage storage)
{
    public const string RunLock = "adminportal:connector-poll";

    /// <summary>
    /// Runs that overlap (a slow product, a short schedule) would poll the same users twice, so one runs at a time — and
    /// a run that finds another under way ends at once with nothing done. Waiting for the lock instead (Hangfire's
    /// DisableConcurrentExecution) let a seconds-level schedule queue a run per second behind a long one, each holding
    /// one of the few job workers; the running one polls every due user anyway.
    /// </summary>
    [AutomaticRetry(Attempts = 0)] // the next run is the retry; each user's failure is recorded on its cursor
    public async Task<IReadOnlyList<PollResult>> RunAsync(CancellationToken ct)
    {
        using var held = await JobRunLock.TryTakeAsync(storage, RunLock);
        return held is null ? [] : await PollDueUsersAsync(ct);
    }

    private async Task<IReadOnlyList<PollResult>> PollDueUsersAsync(CancellationToken ct)
    {
        var due = new List<(TriggerSource Source, string UserId)>();
        using (var scope = scopes.CreateScope())
        {
            var cursors = scope.ServiceProvider.GetRequiredService<CursorStore>();
            foreach (var source in sources.Polled)
            {
                due.AddRange((await cursors.DueUsersAsync(source.Trigger, clock.GetUtcNow(), ct)).Select(u => (source, u)));
            }
        }
        var results = new System.Collections.Concurrent.ConcurrentBag<PollResult>();
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrency, CancellationToken = ct },
            async (work, token) => results.Add(await PollOneAsync(work.Source, work.UserId, token)));
        return [.. results];
    }

    /// <summary>Run now for one user (the status page), whatever its interval or backoff says.</summary>
    public Task<PollResult> RunForUserAsync(string trigger, string userId, CancellationToken ct) =>
        sources.ForTrigger(trigger) is { Poll: not null } source
            ? PollOneAsync(source, userId, ct)
            : Task.FromResult(new PollResult(userId, trigger, 0, 0, $"Trigger '{trigger}' has no Poll source."));

    private async Task<PollResult> PollOneAsync(TriggerSource source, string userId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ConnectorPoller>().PollAsync(source, userId, ct);
    }
}
