using System.Text;
using AcmeHome.Storage;
using AcmeHome.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace AcmeHome.Api;

public sealed record EventDto(string Id, string Type, string Door, string Room, string OccurredAt)
{
    public static EventDto From(HomeEvent e) => new(e.Id, e.Type, e.DoorId, e.RoomId, Json.Time(e.OccurredAt));
}

public sealed record EventFeed(IReadOnlyList<EventDto> Data, string? NextCursor);

public sealed record EventHistory(IReadOnlyList<EventDto> Data, string? Cursor);

/// <summary>Door events: recording one, the feed after a cursor (oldest first), and the history (newest first).</summary>
public static class EventEndpoints
{
    public static void MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/doors/{door}/open", OpenDoorAsync);
        api.MapGet("/events", FeedAsync);
        api.MapGet("/events/history", HistoryAsync);
    }

    private static async Task<IResult> OpenDoorAsync(
        string door, HttpContext ctx, AcmeDbContext db, EventRecorder recorder, CancellationToken ct)
    {
        var userId = ctx.UserId();
        var target = await db.Doors.SingleOrDefaultAsync(d => d.Id == door && d.UserId == userId, ct);
        if (target is null)
        {
            return ApiError.NotFound($"Door '{door}' does not exist.");
        }

        var evt = await recorder.RecordAsync(userId, "door.opened", target, ct);
        return Results.Created(CommandEndpoints.Url(ctx.Request, $"/api/events/{evt.Id}"), EventDto.From(evt));
    }

    private static async Task<IResult> FeedAsync(
        HttpContext ctx, AcmeDbContext db, string? after, int? limit, CancellationToken ct)
    {
        long afterSeq = 0;
        if (!string.IsNullOrEmpty(after) && !HomeEvent.TryParseId(after, out afterSeq))
        {
            return ApiError.BadRequest("invalid_cursor", $"'{after}' is not an event id such as evt_000001.");
        }

        if (limit is < 1 or > 100)
        {
            return ApiError.BadRequest("invalid_limit", $"Limit must be between 1 and 100, not {limit}.");
        }

        var userId = ctx.UserId();
        var items = await db.Events.Where(e => e.UserId == userId && e.Seq > afterSeq)
            .OrderBy(e => e.Seq).Take(limit ?? 50).ToListAsync(ct);
        var next = items.Count > 0 ? items[^1].Id : string.IsNullOrEmpty(after) ? null : after;
        return Results.Ok(new EventFeed(items.Select(EventDto.From).ToList(), next));
    }

    private static async Task<IResult> HistoryAsync(
        HttpContext ctx, AcmeDbContext db, string? door, string? cursor, int? limit, CancellationToken ct)
    {
        long before = long.MaxValue;
        if (!string.IsNullOrEmpty(cursor) && !TryReadCursor(cursor, out before))
        {
            return ApiError.BadRequest("invalid_cursor", "The cursor is not one this API gave out.");
        }

        if (limit is < 1 or > 100)
        {
            return ApiError.BadRequest("invalid_limit", $"Limit must be between 1 and 100, not {limit}.");
        }

        var userId = ctx.UserId();
        if (!string.IsNullOrEmpty(door) && !await db.Doors.AnyAsync(d => d.Id == door && d.UserId == userId, ct))
        {
            return ApiError.NotFound($"Door '{door}' does not exist.");
        }

        var take = limit ?? 20;
        var items = await db.Events
            .Where(e => e.UserId == userId && e.Seq < before && (string.IsNullOrEmpty(door) || e.DoorId == door))
            .OrderByDescending(e => e.Seq).Take(take + 1).ToListAsync(ct);
        var more = items.Count > take;
        var page = items.Take(take).ToList();
        return Results.Ok(new EventHistory(page.Select(EventDto.From).ToList(), more ? WriteCursor(page[^1].Seq) : null));
    }

    // Opaque on purpose: clients of the history must not build cursors themselves.
    private static string WriteCursor(long before) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"before:{before}"));

    private static bool TryReadCursor(string cursor, out long before)
    {
        before = 0;
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cursor));
            return text.StartsWith("before:", StringComparison.Ordinal) && long.TryParse(text.AsSpan(7), out before);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
