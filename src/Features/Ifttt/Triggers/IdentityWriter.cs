using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Features.Ifttt.Triggers;

/// <summary>A poll of, or IFTTT's DELETE of, a trigger identity, applied in arrival order.</summary>
public abstract record IdentityChange(string IdentityId, string UserId, DateTimeOffset At);

public sealed record IdentityPolled(string IdentityId, string UserId, string Trigger, string Fields, long MatchKey,
    DateTimeOffset At, bool Realtime, bool TestMode) : IdentityChange(IdentityId, UserId, At);

public sealed record IdentityEnded(string IdentityId, string UserId, DateTimeOffset At) : IdentityChange(IdentityId, UserId, At);

/// <summary>
/// Applies identity changes in batches, one upsert statement each, so a poll never waits for a write.
/// DELETEs travel the same queue, so a poll followed by a DELETE can never be applied the other way round.
/// </summary>
public sealed class IdentityWriter(IDbContextFactory<AppDbContext> dbFactory, DatabaseWriteGate writeGate, ILogger<IdentityWriter> logger)
    : BatchWriter<IdentityChange>(writeGate, logger)
{
    private const string Upsert = """
        INSERT INTO "TriggerIdentities" ("UserId", "Id", "Trigger", "Fields", "MatchKey", "FirstSeenAt", "LastPolledAt", "PollCount", "RealtimePollCount", "TestMode", "EndedAt")
        VALUES ($user, $id, $trigger, $fields, $key, $at, $at, 1, $realtime, $test, NULL)
        ON CONFLICT ("UserId", "Id") DO UPDATE SET
            "Trigger" = excluded."Trigger", "Fields" = excluded."Fields", "MatchKey" = excluded."MatchKey",
            "LastPolledAt" = max("LastPolledAt", excluded."LastPolledAt"),
            "PollCount" = "PollCount" + 1,
            "RealtimePollCount" = "RealtimePollCount" + excluded."RealtimePollCount",
            "TestMode" = "TestMode" OR excluded."TestMode",
            "EndedAt" = NULL
        """;

    private const string End = """
        UPDATE "TriggerIdentities" SET "EndedAt" = $at WHERE "UserId" = $user AND "Id" = $id AND "EndedAt" IS NULL
        """;

    protected override async Task WriteBatchAsync(IReadOnlyList<IdentityChange> batch, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = db.Database.GetDbConnection();
        foreach (var change in batch)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction.GetDbTransaction();
            command.CommandText = change is IdentityPolled ? Upsert : End;
            command.AddParameter("$user", change.UserId);
            command.AddParameter("$id", change.IdentityId);
            command.AddParameter("$at", change.At.ToUnixTimeMilliseconds());
            if (change is IdentityPolled poll)
            {
                command.AddParameter("$trigger", poll.Trigger);
                command.AddParameter("$fields", poll.Fields);
                command.AddParameter("$key", poll.MatchKey);
                command.AddParameter("$realtime", poll.Realtime ? 1 : 0);
                command.AddParameter("$test", poll.TestMode ? 1 : 0);
            }
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
