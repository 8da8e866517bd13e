using AcmeHome.Storage;
using AcmeHome.Hosting;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace AcmeHome.Admin;

/// <summary>
/// The product's operator endpoints (tests use them to make the product misbehave): revoking a user's tokens,
/// taking a room offline, queuing faults. All need the <c>X-Acme-Admin</c> header (<c>Admin:Key</c>).
/// </summary>
public static class AdminEndpoints
{
    public static void AddAcmeAdmin(this WebApplicationBuilder builder) => builder.Services.AddSingleton<FaultQueue>();

    public static void MapAcmeAdmin(this WebApplication app)
    {
        var key = app.Configuration["Admin:Key"] ?? AcmeHomeDefaults.AdminKey;
        var admin = app.MapGroup("/_admin").AddEndpointFilter(RequireKey(key));
        admin.MapPost("/users/{sub}/revoke-tokens", RevokeTokensAsync);
        admin.MapPost("/rooms/{room}/offline", (string room, AcmeDbContext db, CancellationToken ct) => SetOfflineAsync(room, true, db, ct));
        admin.MapPost("/rooms/{room}/online", (string room, AcmeDbContext db, CancellationToken ct) => SetOfflineAsync(room, false, db, ct));

        if (app.Configuration.FaultsEnabled())
        {
            var faults = app.MapGroup("/_faults").AddEndpointFilter(RequireKey(key));
            faults.MapPost("/", (FaultRequest fault, FaultQueue queue) =>
            {
                if (string.IsNullOrWhiteSpace(fault.Path) || !fault.Path.StartsWith('/'))
                {
                    return ApiError.Invalid("A fault needs a path such as /api/rooms/kitchen/lights/on.");
                }

                if (fault.Status is null && fault.DelayMs is null)
                {
                    return ApiError.Invalid("A fault needs a status, a delayMs, or both.");
                }

                queue.Add(fault);
                return Results.Ok(fault);
            });
            faults.MapDelete("/", (FaultQueue queue) =>
            {
                queue.Clear();
                return Results.NoContent();
            });
        }
    }

    private static async Task<IResult> RevokeTokensAsync(
        string sub, AcmeDbContext db, IOpenIddictTokenManager tokens, IOpenIddictAuthorizationManager authorizations,
        CancellationToken ct)
    {
        if (!await db.Users.AnyAsync(u => u.Id == sub, ct))
        {
            return ApiError.NotFound($"User '{sub}' does not exist.");
        }

        var revokedTokens = await tokens.RevokeBySubjectAsync(sub, ct);
        var revokedAuthorizations = await authorizations.RevokeBySubjectAsync(sub, ct);
        return Results.Ok(new { user = sub, revoked_tokens = revokedTokens, revoked_authorizations = revokedAuthorizations });
    }

    private static async Task<IResult> SetOfflineAsync(string room, bool offline, AcmeDbContext db, CancellationToken ct)
    {
        var target = await db.Rooms.FindAsync([room], ct);
        if (target is null)
        {
            return ApiError.NotFound($"Room '{room}' does not exist.");
        }

        target.Offline = offline;
        await db.SaveChangesAsync(ct);
        return Results.Ok(new { room = target.Id, online = !offline });
    }

    private static Func<EndpointFilterInvocationContext, EndpointFilterDelegate, ValueTask<object?>> RequireKey(string key) =>
        (context, next) => context.HttpContext.Request.Headers["X-Acme-Admin"] == key
            ? next(context)
            : ValueTask.FromResult<object?>(ApiError.Result(StatusCodes.Status401Unauthorized, "unauthorized",
                "Operator endpoints need the X-Acme-Admin header."));
}
