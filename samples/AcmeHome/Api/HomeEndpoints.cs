using AcmeHome.Storage;
using AcmeHome.Hosting;
using Microsoft.EntityFrameworkCore;

namespace AcmeHome.Api;

public sealed record Page<T>(IReadOnlyList<T> Data);

public sealed record RoomDto(string Id, string Name, bool Online);

public sealed record DoorDto(string Id, string Name, string Room);

public sealed record LightDto(string Id, string Name, string Room, bool On, int Brightness, string? Color);

public sealed record MeDto(string Id, string Name, string Email);

/// <summary>What the user owns: always only the caller's own things.</summary>
public static class HomeEndpoints
{
    public static void MapHomeEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async (HttpContext ctx, AcmeDbContext db, CancellationToken ct) =>
        {
            var user = await db.Users.FindAsync([ctx.UserId()], ct);
            return user is null
                ? ApiError.NotFound("The account no longer exists.")
                : Results.Ok(new MeDto(user.Id, user.Name, user.Email));
        });

        api.MapGet("/rooms", async (HttpContext ctx, AcmeDbContext db, CancellationToken ct) =>
            Results.Ok(new Page<RoomDto>(await db.Rooms.Where(r => r.UserId == ctx.UserId())
                .OrderBy(r => r.Name).Select(r => new RoomDto(r.Id, r.Name, !r.Offline)).ToListAsync(ct))));

        api.MapGet("/doors", async (HttpContext ctx, AcmeDbContext db, CancellationToken ct) =>
            Results.Ok(new Page<DoorDto>(await db.Doors.Where(d => d.UserId == ctx.UserId())
                .OrderBy(d => d.Name).Select(d => new DoorDto(d.Id, d.Name, d.RoomId)).ToListAsync(ct))));

        api.MapGet("/lights", async (HttpContext ctx, AcmeDbContext db, string? room, CancellationToken ct) =>
            Results.Ok(new Page<LightDto>(await db.Lights
                .Where(l => l.UserId == ctx.UserId() && (room == null || l.RoomId == room))
                .OrderBy(l => l.RoomId).ThenBy(l => l.Name)
                .Select(l => new LightDto(l.Id, l.Name, l.RoomId, l.On, l.Brightness, l.Color)).ToListAsync(ct))));
    }
}
