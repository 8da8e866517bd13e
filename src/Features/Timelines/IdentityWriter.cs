using System.Collections.Concurrent;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>A poll of, or IFTTT's DELETE of, a trigger identity, applied in arrival order.</summary>
public abstract record IdentityChange(string IdentityId, string UserId, DateTimeOffset At);

public sealed record IdentityPolled(string IdentityId, string UserId, string Trigger, string Fields, long MatchKey,
    DateTimeOffset At, bool Realtime, bool TestMode) : IdentityChange(IdentityId, UserId, At);

public sealed record IdentityEnded(string IdentityId, string UserId, DateTimeOffset At) : IdentityChange(IdentityId, UserId, At);

/// <summary>
/// Applies identity changes in batches so a poll never waits for a write. Consecutive polls are one upsert statement
/// (the rows travel as one <see cref="JsonRows"/> parameter; a repeated identity is applied row after row; SQL in <see cref="ITriggerIdentitySql"/>), consecutive DELETEs one update.
/// DELETEs travel the same queue, so a poll followed by a DELETE can never be applied the other way round.
/// </summary>
public sealed class IdentityWriter(IDbContextFactory<AppDbContext> dbFactory, ITriggerIdentitySql sql, DatabaseWriteGate writeGate, ILogger<IdentityWriter> logger)
    : BatchWriter<IdentityChange>(writeGate, logger)
{
    /// <summary>Longest a first poll waits for its identity's row before answering anyway (the write still follows).</summary>
    public static readonly TimeSpan FirstPollPatience = TimeSpan.FromSeconds(2);

    // Past this many ids the set starts over: memory stays bounded, and the cost is one waited write per identity.
    private const int MaxKnown = 200_000;
    private readonly ConcurrentDictionary<string, byte> _known = new(StringComparer.Ordinal);

    /// <summary>
    /// A poll's bookkeeping. An identity this process has not yet written waits for its row (decision 0018): a crash
    /// right after the answer must not lose a new identity, or it gets no realtime nudges until its next poll. Known
    /// identities only bump counters, which stay batched off the request path.
    /// </summary>
    public async Task RecordPollAsync(IdentityPolled poll)
    {
        if (_known.ContainsKey(poll.IdentityId))
        {
            await EnqueueAsync(poll);
            return;
        }
        // Not cancelled by a client abort: the wait is bounded, and the answer is cheap to drop afterwards.
        await WriteNowAsync(poll, FirstPollPatience, CancellationToken.None);
        if (_known.Count >= MaxKnown)
        {
            _known.Clear();
        }
        _known.TryAdd(poll.IdentityId, 0);
    }

    protected override async Task WriteBatchAsync(IReadOnlyList<IdentityChange> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        for (var start = 0; start < batch.Count;)
        {
            var polled = batch[start] is IdentityPolled;
            var end = start;
            while (end < batch.Count && batch[end] is IdentityPolled == polled)
            {
                end++;
            }
            var run = batch.Skip(start).Take(end - start);
            await (polled ? UpsertPolledAsync(db, run.Cast<IdentityPolled>(), ct) : EndAsync(db, run, ct));
            start = end;
        }
        await transaction.CommitAsync(ct);
    }

    private Task UpsertPolledAsync(AppDbContext db, IEnumerable<IdentityPolled> polls, CancellationToken ct)
    {
        var rows = new JsonRows(4096);
        foreach (var p in polls)
        {
            rows.Row(w =>
            {
                w.WriteStringValue(p.UserId);
                w.WriteStringValue(p.IdentityId);
                w.WriteStringValue(p.Trigger);
                w.WriteStringValue(p.Fields);
                w.WriteNumberValue(p.MatchKey);
                w.WriteNumberValue(p.At.ToUnixTimeMilliseconds());
                w.WriteNumberValue(p.Realtime ? 1 : 0);
                w.WriteNumberValue(p.TestMode ? 1 : 0);
            });
        }
        return sql.UpsertPolledAsync(db, rows.ToJson(), ct);
    }

    private Task EndAsync(AppDbContext db, IEnumerable<IdentityChange> ends, CancellationToken ct)
    {
        var rows = new JsonRows(1024);
        foreach (var e in ends)
        {
            rows.Row(w =>
            {
                w.WriteStringValue(e.UserId);
                w.WriteStringValue(e.IdentityId);
                w.WriteNumberValue(e.At.ToUnixTimeMilliseconds());
            });
        }
        return sql.EndAsync(db, rows.ToJson(), ct);
    }
}
