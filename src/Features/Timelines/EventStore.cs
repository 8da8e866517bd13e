using AdminPortal.Data;
using AdminPortal.Features.Realtime;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>A validated event for one trigger, before it has an id.</summary>
public sealed record EventToAppend(string Trigger, IReadOnlyDictionary<string, string> Attributes, string Ingredients, string? SourceId, DateTimeOffset OccurredAt);

/// <summary>The id an appended event has; <see cref="Duplicate"/> when its source id was already stored.</summary>
public sealed record StoredEvent(string Id, bool Duplicate);

/// <summary>
/// Appends events to timelines: one transaction for the whole batch (all or nothing), with the match keys written
/// alongside (see <see cref="TriggerMatcher"/>) and the realtime outbox filled in the same transaction.
/// Each step is one statement for the whole batch — the rows travel as one <see cref="JsonRows"/> parameter — because
/// the batch holds SQLite's single write lock throughout. The statements themselves are the seam's (<see cref="ITimelineSql"/>).
/// </summary>
public sealed class EventStore(AppDbContext db, MatchShapes shapes, ITimelineSql sql, MatchingIdentities matching, RealtimeOutbox realtime,
    DatabaseWriteGate writeGate, TimeProvider clock)
{
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(IReadOnlyList<(string UserId, EventToAppend Event)> events, CancellationToken ct)
    {
        // Concurrent batches (and the other writers) queue for SQLite's single write lock instead of polling it.
        using (await writeGate.EnterAsync(ct))
        {
            return await AppendLockedAsync(events, ct);
        }
    }

    private async Task<IReadOnlyList<StoredEvent>> AppendLockedAsync(IReadOnlyList<(string UserId, EventToAppend Event)> events, CancellationToken ct)
    {
        // Microsoft.Data.Sqlite begins IMMEDIATE: the write lock is held from the source-id lookup on, so a
        // concurrent batch cannot slip the same source id in between. On PostgreSQL the gate above serialises only this
        // instance's batches; the seam locks the batch's source ids for the other instances (docs/decisions/0028).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var alreadyStored = await StoredSourceIdsAsync(events, ct);

        var now = clock.GetUtcNow();
        var received = now.ToUnixTimeMilliseconds();
        var keysByUser = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        var stored = new List<StoredEvent>(events.Count);
        var eventRows = new JsonRows();
        var keyRows = new JsonRows();
        foreach (var (userId, e) in events)
        {
            var sourceKey = (userId, e.Trigger, e.SourceId ?? "");
            if (e.SourceId is not null && alreadyStored.TryGetValue(sourceKey, out var existing))
            {
                stored.Add(new StoredEvent(existing, Duplicate: true));
                continue;
            }

            var id = Ulid.New(now);
            var occurred = e.OccurredAt.ToUnixTimeMilliseconds();
            eventRows.Row(w =>
            {
                w.WriteStringValue(id);
                w.WriteStringValue(userId);
                w.WriteStringValue(e.Trigger);
                w.WriteNumberValue(occurred);
                w.WriteNumberValue(received);
                if (e.SourceId is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    w.WriteStringValue(e.SourceId);
                }
                w.WriteStringValue(EventIngredients.Write(e.Attributes));
                w.WriteStringValue(e.Ingredients);
            });
            var userKeys = keysByUser.TryGetValue(userId, out var set) ? set : keysByUser[userId] = [];
            foreach (var key in shapes.EventKeys(e.Trigger, e.Attributes))
            {
                keyRows.Row(w =>
                {
                    w.WriteStringValue(userId);
                    w.WriteNumberValue(key);
                    w.WriteNumberValue(occurred);
                    w.WriteStringValue(id);
                });
                userKeys.Add(key);
            }
            if (e.SourceId is not null)
            {
                alreadyStored[sourceKey] = id; // a repeat later in the same batch is a duplicate of this one
            }
            stored.Add(new StoredEvent(id, Duplicate: false));
        }

        if (eventRows.Count > 0)
        {
            await sql.InsertEventsAsync(db, eventRows.ToJson(), ct);
        }
        if (keyRows.Count > 0)
        {
            await sql.InsertMatchKeysAsync(db, keyRows.ToJson(), ignoreExisting: false, ct);
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

    /// <summary>
    /// The ids already stored under the batch's (user, trigger, source id) triples: one indexed lookup each, one statement,
    /// after locking the triples until the transaction ends.
    /// </summary>
    private async Task<Dictionary<(string, string, string), string>> StoredSourceIdsAsync(IReadOnlyList<(string UserId, EventToAppend Event)> events, CancellationToken ct)
    {
        var found = new Dictionary<(string, string, string), string>();
        var refs = new JsonRows(1024);
        foreach (var (userId, e) in events.Where(x => x.Event.SourceId is not null))
        {
            refs.Row(w =>
            {
                w.WriteStringValue(userId);
                w.WriteStringValue(e.Trigger);
                w.WriteStringValue(e.SourceId);
            });
        }
        if (refs.Count == 0)
        {
            return found;
        }
        var json = refs.ToJson();
        await sql.LockSourcesAsync(db, json, ct);
        foreach (var row in await sql.FindSourcesAsync(db, json, ct))
        {
            found[(row.UserId, row.Trigger, row.SourceId)] = row.Id;
        }
        return found;
    }

    /// <summary>One statement for the whole batch: the active, non-test identities whose key a new event produced.</summary>
    private async Task<bool> QueueRealtimeAsync(Dictionary<string, HashSet<long>> keysByUser, CancellationToken ct)
    {
        var identities = await matching.FindForEventsAsync(db, keysByUser, ct);
        if (identities.Count == 0)
        {
            return false;
        }
        await realtime.InsertForIdentitiesAsync(db, identities, ct);
        return true;
    }
}
