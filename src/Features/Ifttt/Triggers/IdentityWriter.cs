using System.Text.Json;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.Triggers;

/// <summary>A poll of, or IFTTT's DELETE of, a trigger identity, applied in arrival order.</summary>
public abstract record IdentityChange(string IdentityId, string UserId, DateTimeOffset At);

public sealed record IdentityPolled(string IdentityId, string UserId, string Trigger, string Fields, long MatchKey,
    DateTimeOffset At, bool Realtime, bool TestMode) : IdentityChange(IdentityId, UserId, At);

public sealed record IdentityEnded(string IdentityId, string UserId, DateTimeOffset At) : IdentityChange(IdentityId, UserId, At);

/// <summary>
/// Applies identity changes in batches so a poll never waits for a write. Consecutive polls are one upsert statement
/// (the rows travel as one JSON array; a repeated identity is applied row after row), consecutive DELETEs one update.
/// DELETEs travel the same queue, so a poll followed by a DELETE can never be applied the other way round.
/// </summary>
public sealed class IdentityWriter(IDbContextFactory<AppDbContext> dbFactory, DatabaseWriteGate writeGate, ILogger<IdentityWriter> logger)
    : BatchWriter<IdentityChange>(writeGate, logger)
{
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

    private static Task UpsertPolledAsync(AppDbContext db, IEnumerable<IdentityPolled> polls, CancellationToken ct)
    {
        var rows = JsonSerializer.Serialize(polls.Select(p => new object[]
        {
            p.UserId, p.IdentityId, p.Trigger, p.Fields, p.MatchKey, p.At.ToUnixTimeMilliseconds(), p.Realtime ? 1 : 0, p.TestMode ? 1 : 0,
        }));
        // ORDER BY key keeps arrival order; "WHERE true" lets SQLite parse ON CONFLICT after a SELECT.
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO "TriggerIdentities" ("UserId", "Id", "Trigger", "Fields", "MatchKey", "FirstSeenAt", "LastPolledAt", "PollCount", "RealtimePollCount", "TestMode", "EndedAt")
            SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 5, 1, value ->> 6, value ->> 7, NULL
            FROM json_each({rows}) WHERE true ORDER BY key
            ON CONFLICT ("UserId", "Id") DO UPDATE SET
                "Trigger" = excluded."Trigger", "Fields" = excluded."Fields", "MatchKey" = excluded."MatchKey",
                "LastPolledAt" = max("LastPolledAt", excluded."LastPolledAt"),
                "PollCount" = "PollCount" + 1,
                "RealtimePollCount" = "RealtimePollCount" + excluded."RealtimePollCount",
                "TestMode" = "TestMode" OR excluded."TestMode",
                "EndedAt" = NULL
            """, ct);
    }

    private static Task EndAsync(AppDbContext db, IEnumerable<IdentityChange> ends, CancellationToken ct)
    {
        var rows = JsonSerializer.Serialize(ends.Select(e => new object[] { e.UserId, e.IdentityId, e.At.ToUnixTimeMilliseconds() }));
        return db.Database.ExecuteSqlAsync($"""
            UPDATE "TriggerIdentities" SET "EndedAt" = p.value ->> 2
            FROM json_each({rows}) AS p
            WHERE "TriggerIdentities"."UserId" = p.value ->> 0 AND "TriggerIdentities"."Id" = p.value ->> 1 AND "TriggerIdentities"."EndedAt" IS NULL
            """, ct);
    }
}
