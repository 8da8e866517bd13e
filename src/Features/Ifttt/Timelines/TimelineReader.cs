using AdminPortal.Data;
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
