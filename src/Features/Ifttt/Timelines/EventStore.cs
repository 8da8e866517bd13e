using System.Data.Common;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>A validated event for one trigger, before it has an id.</summary>
public sealed record NewEvent(string Trigger, IReadOnlyDictionary<string, string> Attributes, string Ingredients, string? SourceId, DateTimeOffset OccurredAt);

/// <summary>The id an appended event has; <see cref="Duplicate"/> when its source id was already stored.</summary>
public sealed record StoredEvent(string Id, bool Duplicate);

/// <summary>
/// Appends events to timelines: one transaction for the whole batch (all or nothing), prepared
/// statements reused for every row, and the match keys written alongside (see <see cref="TriggerMatcher"/>).
/// </summary>
public sealed class EventStore(AppDbContext db, MatchShapes shapes, RealtimeOutbox realtime, TimeProvider clock)
{
    /// <summary>
    /// Concurrent ingest requests queue here for SQLite's single write lock instead of polling it: SQLite's busy
    /// handler sleeps between retries (up to 100 ms), leaving the lock idle while batches wait. One gate per process
    /// (one process per database); other writers still meet the busy timeout as before.
    /// </summary>
    private static readonly SemaphoreSlim WriteGate = new(1, 1);

    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<(string UserId, NewEvent Event)> events, CancellationToken ct)
    {
        await WriteGate.WaitAsync(ct);
        try
        {
            return await AppendLockedAsync(events, ct);
        }
        finally
        {
            WriteGate.Release();
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendLockedAsync(IReadOnlyList<(string UserId, NewEvent Event)> events, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is held from the source-id lookups on, so a
        // concurrent batch cannot slip the same source id in between.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tx = transaction.GetDbTransaction();
        var connection = db.Database.GetDbConnection();

        await using var find = Command(connection, tx, """
            SELECT "Id" FROM "TimelineEvents" WHERE "UserId" = $user AND "Trigger" = $trigger AND "SourceId" = $source
            """, "$user", "$trigger", "$source");
        await using var insertEvent = Command(connection, tx, """
            INSERT INTO "TimelineEvents" ("Id", "UserId", "Trigger", "OccurredAt", "ReceivedAt", "SourceId", "Attributes", "Ingredients")
            VALUES ($id, $user, $trigger, $occurred, $received, $source, $attributes, $ingredients)
            """, "$id", "$user", "$trigger", "$occurred", "$received", "$source", "$attributes", "$ingredients");
        await using var insertKey = Command(connection, tx, """
            INSERT INTO "EventMatchKeys" ("UserId", "MatchKey", "OccurredAt", "EventId") VALUES ($user, $key, $occurred, $id)
            """, "$user", "$key", "$occurred", "$id");

        var now = clock.GetUtcNow();
        var keysByUser = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        var inBatch = new Dictionary<(string, string, string), string>();
        var stored = new List<StoredEvent>(events.Count);
        foreach (var (userId, e) in events)
        {
            if (e.SourceId is not null)
            {
                var sourceKey = (userId, e.Trigger, e.SourceId);
                var existing = inBatch.GetValueOrDefault(sourceKey) ?? await Run(find, ct, scalar: true, userId, e.Trigger, e.SourceId) as string;
                if (existing is not null)
                {
                    stored.Add(new StoredEvent(existing, Duplicate: true));
                    continue;
                }
            }

            var id = Ulid.New(now);
            var occurred = e.OccurredAt.ToUnixTimeMilliseconds();
            await Run(insertEvent, ct, scalar: false, id, userId, e.Trigger, occurred, now.ToUnixTimeMilliseconds(), e.SourceId,
                EventIngredients.Write(e.Attributes), e.Ingredients);
            var userKeys = keysByUser.TryGetValue(userId, out var set) ? set : keysByUser[userId] = [];
            foreach (var key in shapes.EventKeys(e.Trigger, e.Attributes))
            {
                await Run(insertKey, ct, scalar: false, userId, key, occurred, id);
                userKeys.Add(key);
            }
            if (e.SourceId is not null)
            {
                inBatch[(userId, e.Trigger, e.SourceId)] = id;
            }
            stored.Add(new StoredEvent(id, Duplicate: false));
        }

        // The nudges commit with the events (an outbox): a crash after this loses neither.
        var nudged = await QueueRealtimeAsync(keysByUser, ct);
        await transaction.CommitAsync(ct);
        if (nudged)
        {
            realtime.Signal();
        }
        return stored;
    }

    /// <summary>One statement for the whole batch: the active, non-test identities whose key a new event produced.</summary>
    private async Task<bool> QueueRealtimeAsync(Dictionary<string, HashSet<long>> keysByUser, CancellationToken ct)
    {
        var identities = await MatchingIdentities.FindForEventsAsync(db, keysByUser, ct);
        if (identities.Count == 0)
        {
            return false;
        }
        await realtime.InsertForIdentitiesAsync(db, identities, ct);
        return true;
    }

    private static DbCommand Command(DbConnection connection, DbTransaction tx, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.AddParameter(name, null);
        }
        command.Prepare();
        return command;
    }

    private static async Task<object?> Run(DbCommand command, CancellationToken ct, bool scalar, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
        return scalar ? await command.ExecuteScalarAsync(ct) : await command.ExecuteNonQueryAsync(ct);
    }
}
