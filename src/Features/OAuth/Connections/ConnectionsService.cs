using AdminPortal.Data;
using AdminPortal.Features.OAuth.Health;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth.Connections;

/// <summary>One app a user has linked: a valid OpenIddict authorization.</summary>
public sealed record Connection(
    string AuthorizationId, string UserId, string ClientId, string ClientName, DateTimeOffset? LinkedAt, DateTimeOffset? LastUsedAt);

/// <summary>
/// Told after a user's IFTTT connection was revoked (their disconnect, an admin's revoke), so a feature holding
/// credentials for that user elsewhere can let go of them too, without OAuth knowing that feature.
/// </summary>
public interface IConnectionRevokedHandler
{
    Task OnRevokedAsync(string userId, CancellationToken ct);
}

/// <summary>
/// A user's linked apps and disconnecting them. Disconnect revokes the authorization and every token
/// under it in one go, so IFTTT's very next call with any of them gets a 401 and its refresh an invalid_grant.
/// </summary>
public sealed class ConnectionsService(
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictApplicationManager applications,
    IOpenIddictTokenManager tokens,
    IDbContextFactory<AppDbContext> dbFactory,
    TokenHealthRecorder health,
    IEnumerable<IConnectionRevokedHandler> revokedHandlers)
{
    public async Task<IReadOnlyList<Connection>> ListAsync(string userId, CancellationToken ct = default)
    {
        var connections = new List<Connection>();
        // Read to the end before the next query: PostgreSQL runs one command at a time per connection (SQLite does not mind).
        foreach (var authorization in await authorizations.FindBySubjectAsync(userId, ct).ToListAsync(ct))
        {
            if (!await authorizations.HasStatusAsync(authorization, Statuses.Valid, ct) ||
                await authorizations.GetApplicationIdAsync(authorization, ct) is not { } applicationId ||
                await applications.FindByIdAsync(applicationId, ct) is not { } application)
            {
                continue;
            }
            var clientId = await applications.GetClientIdAsync(application, ct) ?? applicationId;
            connections.Add(new Connection(
                (await authorizations.GetIdAsync(authorization, ct))!, userId, clientId,
                await applications.GetLocalizedDisplayNameAsync(application, ct) ?? clientId,
                await authorizations.GetCreationDateAsync(authorization, ct), LastUsedAt: null));
        }

        var ids = connections.Select(c => c.AuthorizationId).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lastUsed = await db.Set<ConnectionUsage>().Where(u => ids.Contains(u.AuthorizationId))
            .ToDictionaryAsync(u => u.AuthorizationId, u => u.LastUsedAt, ct);
        return [.. connections
            .Select(c => c with { LastUsedAt = lastUsed.TryGetValue(c.AuthorizationId, out var at) ? at : null })
            .OrderByDescending(c => c.LinkedAt)];
    }

    /// <summary>The user's own disconnect: only their own authorizations. False when not theirs or not found.</summary>
    public async Task<bool> DisconnectAsync(string userId, string authorizationId, CancellationToken ct = default)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, ct);
        if (authorization is null || await authorizations.GetSubjectAsync(authorization, ct) != userId)
        {
            return false;
        }
        await RevokeAsync(authorization, authorizationId, userId, ct);
        return true;
    }

    /// <summary>The admin variant: any user's connection. Callers must hold the Admin policy.</summary>
    public async Task<bool> DisconnectAnyAsync(string authorizationId, CancellationToken ct = default)
    {
        var authorization = await authorizations.FindByIdAsync(authorizationId, ct);
        if (authorization is null)
        {
            return false;
        }
        await RevokeAsync(authorization, authorizationId, await authorizations.GetSubjectAsync(authorization, ct), ct);
        return true;
    }

    /// <summary>
    /// Every app's access for one user, before their account is deleted: each valid authorization and its tokens, any
    /// token issued outside one, then the revoked-handlers once even when nothing was linked (a product link may remain).
    /// Callers must hold the Admin policy.
    /// </summary>
    public async Task DisconnectUserAsync(string userId, CancellationToken ct = default)
    {
        // Each list is read to the end before its rows are changed: one command at a time per connection on PostgreSQL.
        foreach (var authorization in await authorizations.FindBySubjectAsync(userId, ct).ToListAsync(ct))
        {
            if (await authorizations.HasStatusAsync(authorization, Statuses.Valid, ct))
            {
                await authorizations.TryRevokeAsync(authorization, ct);
                await tokens.RevokeByAuthorizationIdAsync((await authorizations.GetIdAsync(authorization, ct))!, ct);
            }
        }
        foreach (var token in await tokens.FindBySubjectAsync(userId, ct).ToListAsync(ct))
        {
            if (await tokens.HasStatusAsync(token, Statuses.Valid, ct))
            {
                await tokens.TryRevokeAsync(token, ct);
            }
        }
        foreach (var handler in revokedHandlers)
        {
            await handler.OnRevokedAsync(userId, ct);
        }
    }

    private async Task RevokeAsync(object authorization, string authorizationId, string? userId, CancellationToken ct)
    {
        // The authorization first: validation checks it on every call, so access stops here even
        // before the token entries are flagged.
        await authorizations.TryRevokeAsync(authorization, ct);
        await tokens.RevokeByAuthorizationIdAsync(authorizationId, ct);
        if (userId is not null)
        {
            await health.RecomputeAsync(userId, ct);
            foreach (var handler in revokedHandlers)
            {
                await handler.OnRevokedAsync(userId, ct);
            }
        }
    }
}
