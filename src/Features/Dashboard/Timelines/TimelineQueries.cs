using AdminPortal.Data;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ifttt.Protocol;
using AdminPortal.Features.Timelines;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Dashboard.Timelines;

/// <summary>The Timelines list's filters. <see cref="User"/> is an id, email or external id.</summary>
public sealed record EventFilter(string? User = null, string? Trigger = null, string? Attribute = null, string? AttributeValue = null,
    TimeWindow Window = TimeWindow.Any);

public sealed record EventRow(string Id, string UserId, string User, string Trigger, DateTimeOffset OccurredAt, DateTimeOffset ReceivedAt,
    IReadOnlyList<KeyValuePair<string, string>> Attributes);

/// <summary>One event as stored and as IFTTT receives it in a poll (ingredients plus meta, pretty-printed).</summary>
public sealed record EventDetail(TimelineEvent Event, string User, IReadOnlyList<KeyValuePair<string, string>> Attributes,
    IReadOnlyList<KeyValuePair<string, string>> Ingredients, string AsIftttSeesIt);

/// <summary>Reads timelines for the dashboard: filtered, newest first, one page at a time.</summary>
public sealed class TimelineQueries(IDbContextFactory<AppDbContext> dbFactory, MatchShapes shapes, TimeProvider clock)
{
    /// <summary>Null items when the user filter names nobody (the page says so).</summary>
    public async Task<Paged<EventRow>?> SearchAsync(EventFilter filter, int page, int pageSize, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var events = db.Set<TimelineEvent>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            if (await UserLookup.ResolveAsync(db, filter.User, ct) is not { } userId)
            {
                return null;
            }
            // One user's events are read through their whole-timeline match keys (TimelineEvents has no user index).
            long[] keys = string.IsNullOrEmpty(filter.Trigger) ? [.. shapes.AllWholeTimelineKeys] : [shapes.WholeTimelineKey(filter.Trigger)];
            events = from k in db.Set<EventMatchKey>()
                     where k.UserId == userId && keys.Contains(k.MatchKey)
                     join e in events on k.EventId equals e.Id
                     select e;
        }
        if (!string.IsNullOrEmpty(filter.Trigger))
        {
            events = events.Where(e => e.Trigger == filter.Trigger);
        }
        if (AttributeNeedle(filter.Attribute, filter.AttributeValue) is { } needle)
        {
            events = events.Where(e => e.Attributes.Contains(needle));
        }
        if (filter.Window.Since(clock.GetUtcNow()) is { } since)
        {
            events = events.Where(e => e.OccurredAt >= since);
        }

        var result = await Paging.PageAsync(events.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id), page, pageSize, ct);
        var emails = await UserLookup.EmailsAsync(db, result.Items.Select(e => e.UserId), ct);
        return new Paged<EventRow>([.. result.Items.Select(e => new EventRow(e.Id, e.UserId, emails.GetValueOrDefault(e.UserId, e.UserId), e.Trigger,
            e.OccurredAt, e.ReceivedAt, Pairs(e.Attributes)))], result.Total, result.Capped);
    }

    public async Task<EventDetail?> GetAsync(string id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var e = await db.Set<TimelineEvent>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return null;
        }
        var emails = await UserLookup.EmailsAsync(db, [e.UserId], ct);
        // Exactly the item a poll returns (TimelineJson), indented for reading.
        var item = TimelineJson.WithMeta(new TimelineItem(e.Id, e.OccurredAt, e.Ingredients));
        return new EventDetail(e, emails.GetValueOrDefault(e.UserId, e.UserId), Pairs(e.Attributes), Pairs(e.Ingredients), JsonPairs.Pretty(item));
    }

    /// <summary>
    /// Attributes are stored as canonical JSON (EventIngredients.Write), so <c>"name":"value"</c> written by the same
    /// writer is an exact, unambiguous substring: quotes inside values are escaped, so they cannot fake it.
    /// </summary>
    public static string? AttributeNeedle(string? attribute, string? value)
    {
        if (string.IsNullOrWhiteSpace(attribute))
        {
            return null;
        }
        var pair = EventIngredients.Write([new(attribute.Trim(), value ?? "")]);
        var inner = pair[1..^1]; // "name":"value"
        return string.IsNullOrEmpty(value) ? inner[..(inner.IndexOf("\":", StringComparison.Ordinal) + 2)] : inner;
    }

    private static List<KeyValuePair<string, string>> Pairs(string json) => JsonPairs.Read(json);
}
