using System.Text;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>An event as IFTTT sees it: id, time and the stored ingredients JSON.</summary>
public sealed record TimelineItem(string Id, DateTimeOffset OccurredAt, string Ingredients);

/// <summary>Receives one row of a timeline read: the stored ingredients as UTF-8, straight from the database.</summary>
public delegate void TimelineRowSink(string id, DateTimeOffset occurredAt, ReadOnlySpan<byte> ingredients);

/// <summary>
/// The poll's hot path: one range scan of the (UserId, MatchKey, OccurredAt, EventId) key, joined to the
/// events by primary key for at most <c>limit</c> rows, so its cost does not grow with the timeline.
/// The newest page is read with a plain command (no EF materialization) into a sink the caller owns, so the poll
/// writes stored UTF-8 into its response buffer without making strings; everyone else reads the same rows as items.
/// </summary>
public static class TimelineReader
{
    private static readonly Func<AppDbContext, string, long, DateTimeOffset, string, int, IAsyncEnumerable<TimelineItem>> OlderQuery =
        EF.CompileAsyncQuery((AppDbContext db, string userId, long key, DateTimeOffset before, string beforeId, int limit) =>
            (from k in db.Set<EventMatchKey>()
             where k.UserId == userId && k.MatchKey == key
                   && (k.OccurredAt < before || (k.OccurredAt == before && string.Compare(k.EventId, beforeId) < 0))
             orderby k.OccurredAt descending, k.EventId descending
             join e in db.Set<TimelineEvent>() on k.EventId equals e.Id
             select new TimelineItem(e.Id, e.OccurredAt, e.Ingredients)).Take(limit));

    // Portable SQL (no provider function): the seam's providers all take it as is.
    private const string NewestSql = """
        SELECT e."Id", e."OccurredAt", e."Ingredients"
        FROM "EventMatchKeys" AS k JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
        WHERE k."UserId" = @user AND k."MatchKey" = @key
        ORDER BY k."OccurredAt" DESC, k."EventId" DESC
        LIMIT @limit
        """;

    /// <summary>The newest <paramref name="limit"/> events matching the filter key, newest first, into <paramref name="sink"/>; answers how many.</summary>
    public static async Task<int> NewestAsync(AppDbContext db, string userId, long key, int limit, TimelineRowSink sink, CancellationToken ct)
    {
        if (limit <= 0)
        {
            return 0;
        }
        var count = 0;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = NewestSql;
            command.AddParameter("@user", userId);
            command.AddParameter("@key", key);
            command.AddParameter("@limit", limit);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                // OccurredAt is stored as Unix milliseconds (UnixMillisecondsConverter).
                sink(reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetFieldValue<byte[]>(2));
                count++;
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return count;
    }

    /// <summary>The same rows as items (queries, the dashboard).</summary>
    public static async Task<List<TimelineItem>> NewestAsync(AppDbContext db, string userId, long key, int limit, CancellationToken ct)
    {
        var items = new List<TimelineItem>(Math.Clamp(limit, 0, 100));
        await NewestAsync(db, userId, key, limit, (id, at, ingredients) => items.Add(new TimelineItem(id, at, Encoding.UTF8.GetString(ingredients))), ct);
        return items;
    }

    /// <summary>A keyset page: events strictly older than the (time, id) position, newest first.</summary>
    public static async Task<List<TimelineItem>> OlderThanAsync(AppDbContext db, string userId, long key, TimelinePosition position, int limit, CancellationToken ct)
    {
        var items = new List<TimelineItem>(Math.Clamp(limit, 0, 100));
        await foreach (var item in OlderQuery(db, userId, key, position.OccurredAt, position.EventId, limit).WithCancellation(ct))
        {
            items.Add(item);
        }
        return items;
    }
}

/// <summary>A place in a timeline: the (time, id) of the last event of a page.</summary>
public sealed record TimelinePosition(DateTimeOffset OccurredAt, string EventId);
