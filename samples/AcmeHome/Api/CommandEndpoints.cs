using System.Security.Cryptography;
using AcmeHome.Storage;
using AcmeHome.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AcmeHome.Api;

public sealed record LightsOnBody(int? Brightness, string? Color);

public sealed record NoteBody(string? Text);

public sealed record CommandDto(
    string Id, string Type, string Room, int Brightness, string? Color, string Status, string CreatedAt, string Url);

public sealed record NoteDto(string Id, string Text, string CreatedAt, string Url);

/// <summary>Things the user tells the home to do.</summary>
public static class CommandEndpoints
{
    public static readonly string[] Colors = ["warm", "cool", "daylight", "red", "green", "blue"];

    public static void MapCommandEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/rooms/{room}/lights/on", LightsOnAsync);
        api.MapGet("/commands/{id}", async (string id, HttpContext ctx, AcmeDbContext db, CancellationToken ct) =>
        {
            var command = await db.Commands.SingleOrDefaultAsync(c => c.Id == id && c.UserId == ctx.UserId(), ct);
            return command is null
                ? ApiError.NotFound($"Command '{id}' does not exist.")
                : Results.Ok(Dto(command, ctx.Request));
        });
        api.MapPost("/notes", CreateNoteAsync);
    }

    private static async Task<IResult> LightsOnAsync(
        string room, HttpContext ctx, AcmeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = ctx.UserId();
        var key = ctx.Request.Headers["Idempotency-Key"].ToString();
        key = string.IsNullOrWhiteSpace(key) ? null : key.Trim();
        if (key is not null && await Replay(db, userId, key, ct) is { } earlier)
        {
            // The same request again (a client retrying after a timeout): the first answer, no second command.
            return Created(earlier, ctx.Request);
        }

        var (body, error) = await ctx.Request.ReadOptionalBodyAsync<LightsOnBody>(ct);
        if (error is not null)
        {
            return error;
        }

        var target = await db.Rooms.SingleOrDefaultAsync(r => r.Id == room && r.UserId == userId, ct);
        if (target is null)
        {
            return ApiError.NotFound($"Room '{room}' does not exist.");
        }

        if (body?.Brightness is < 1 or > 100)
        {
            return ApiError.Invalid($"Brightness must be between 1 and 100, not {body.Brightness}.");
        }

        var color = body?.Color?.Trim().ToLowerInvariant();
        if (color is { Length: 0 })
        {
            color = null;
        }

        if (color is not null && !Colors.Contains(color))
        {
            return ApiError.Invalid($"Color '{body!.Color}' is not one of {string.Join(", ", Colors)}.");
        }

        if (target.Offline)
        {
            return ApiError.Result(StatusCodes.Status409Conflict, "room_offline",
                $"Room '{target.Name}' is offline: its hub does not answer.");
        }

        var brightness = body?.Brightness ?? 100;
        foreach (var light in await db.Lights.Where(l => l.UserId == userId && l.RoomId == room).ToListAsync(ct))
        {
            light.On = true;
            light.Brightness = brightness;
            light.Color = color ?? light.Color;
        }

        var command = new Command
        {
            Id = NewId("cmd_"), UserId = userId, Type = "lights.on", RoomId = room, Brightness = brightness,
            Color = color, Status = "done", CreatedAt = clock.GetUtcNow(), IdempotencyKey = key,
        };
        db.Commands.Add(command);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (key is not null)
        {
            // A concurrent request with the same key won the race: answer its command.
            db.ChangeTracker.Clear();
            if (await Replay(db, userId, key, ct) is { } winner)
            {
                return Created(winner, ctx.Request);
            }

            throw;
        }

        return Created(command, ctx.Request);
    }

    private static async Task<IResult> CreateNoteAsync(
        HttpContext ctx, AcmeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var (body, error) = await ctx.Request.ReadOptionalBodyAsync<NoteBody>(ct);
        if (error is not null)
        {
            return error;
        }

        var text = body?.Text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return ApiError.Invalid("A note needs some text.");
        }

        if (text.Length > 2000)
        {
            return ApiError.Invalid($"A note can hold 2000 characters, not {text.Length}.");
        }

        var note = new Note { Id = NewId("note_"), UserId = ctx.UserId(), Text = text, CreatedAt = clock.GetUtcNow() };
        db.Notes.Add(note);
        await db.SaveChangesAsync(ct);
        var url = Url(ctx.Request, $"/api/notes/{note.Id}");
        return Results.Created(url, new NoteDto(note.Id, note.Text, Json.Time(note.CreatedAt), url));
    }

    private static Task<Command?> Replay(AcmeDbContext db, string userId, string key, CancellationToken ct) =>
        db.Commands.SingleOrDefaultAsync(c => c.UserId == userId && c.IdempotencyKey == key, ct);

    private static IResult Created(Command command, HttpRequest request)
    {
        var dto = Dto(command, request);
        return Results.Created(dto.Url, dto);
    }

    private static CommandDto Dto(Command c, HttpRequest request) => new(
        c.Id, c.Type, c.RoomId, c.Brightness, c.Color, c.Status, Json.Time(c.CreatedAt),
        Url(request, $"/api/commands/{c.Id}"));

    public static string Url(HttpRequest request, string path) => $"{request.Scheme}://{request.Host}{request.PathBase}{path}";

    public static string NewId(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
}
