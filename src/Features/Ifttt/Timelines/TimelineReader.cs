using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Protocol;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ifttt.Timelines;

/// <summary>An event as IFTTT sees it: id, time and the stored ingredients JSON.</summary>
public sealed record TimelineItem(string Id, DateTimeOffset OccurredAt, string Ingredients);

/// <summary>
/// The poll's hot path: one range scan of the (UserId, MatchKey, OccurredAt, EventId) key, joined to the
/// events by primary key for at most <c>limit</c> rows, so its cost does not grow with the timeline.
/// Compiled once; no tracking.
/// </summary>
public static class TimelineReader
{
    private static readonly Func<AppDbContext, string, long, int, IAsyncEnumerable<TimelineItem>> NewestQuery =
        EF.CompileAsyncQuery((AppDbContext db, string userId, long key, int limit) =>
            (from k in db.Set<EventMatchKey>()
             where k.UserId == userId && k.MatchKey == key
             orderby k.OccurredAt descending, k.EventId descending
             join e in db.Set<TimelineEvent>() on k.EventId equals e.Id
             select new TimelineItem(e.Id, e.OccurredAt, e.Ingredients)).Take(limit));

    private static readonly Func<AppDbContext, string, long, DateTimeOffset, string, int, IAsyncEnumerable<TimelineItem>> OlderQuery =
        EF.CompileAsyncQuery((AppDbContext db, string userId, long key, DateTimeOffset before, string beforeId, int limit) =>
            (from k in db.Set<EventMatchKey>()
             where k.UserId == userId && k.MatchKey == key
                   && (k.OccurredAt < before || (k.OccurredAt == before && string.Compare(k.EventId, beforeId) < 0))
             orderby k.OccurredAt descending, k.EventId descending
             join e in db.Set<TimelineEvent>() on k.EventId equals e.Id
             select new TimelineItem(e.Id, e.OccurredAt, e.Ingredients)).Take(limit));

    private const string NewestSql = """
        SELECT e."Id", e."OccurredAt", e."Ingredients"
        FROM "EventMatchKeys" AS k JOIN "TimelineEvents" AS e ON e."Id" = k."EventId"
        WHERE k."UserId" = @user AND k."MatchKey" = @key
        ORDER BY k."OccurredAt" DESC, k."EventId" DESC
        LIMIT @limit
        """;

    /// <summary>
    /// The poll's answer: the same rows as <see cref="NewestAsync"/>, read with a plain command (no EF
    /// materialization) and written as response JSON straight from the stored UTF-8 (see <see cref="Utf8DataResult"/>).
    /// </summary>
    public static async Task<Utf8DataResult> NewestAsResponseAsync(AppDbContext db, string userId, long key, int limit, CancellationToken ct)
    {
        var result = new Utf8DataResult();
        if (limit <= 0)
        {
            return result;
        }
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
                TimelineJson.WriteWithMeta(result.NextItem(), reader.GetFieldValue<byte[]>(2), reader.GetString(0),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return result;
    }

    /// <summary>The newest <paramref name="limit"/> events matching the filter key, newest first.</summary>
    public static async Task<List<TimelineItem>> NewestAsync(AppDbContext db, string userId, long key, int limit, CancellationToken ct)
    {
        var items = new List<TimelineItem>(Math.Min(limit, 100));
        if (limit <= 0)
        {
            return items;
        }
        await foreach (var item in NewestQuery(db, userId, key, limit).WithCancellation(ct))
        {
            items.Add(item);
        }
        return items;
    }

    /// <summary>A keyset page: events strictly older than the (time, id) position, newest first.</summary>
    public static async Task<List<TimelineItem>> OlderThanAsync(AppDbContext db, string userId, long key, TimelinePosition position, int limit, CancellationToken ct)
    {
        var items = new List<TimelineItem>(Math.Min(limit, 100));
        await foreach (var item in OlderQuery(db, userId, key, position.OccurredAt, position.EventId, limit).WithCancellation(ct))
        {
            items.Add(item);
        }
        return items;
    }
}

/// <summary>A place in a timeline: the (time, id) of the last event of a page.</summary>
public sealed record TimelinePosition(DateTimeOffset OccurredAt, string EventId);
