using AdminPortal.Data;
using AdminPortal.Features.Accounts.Administration;
using AdminPortal.Features.OAuth.Health;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;

namespace AdminPortal.Features.OAuth.Connections;

/// <summary>
/// OAuth's part of deleting a user: their (already revoked) tokens and authorizations, connection usage and token health.
/// Token checks stay: they are a log, and age out with its retention like IFTTT's request log.
/// </summary>
internal sealed class OAuthUserEraser : IUserDataEraser
{
    public async Task EraseAsync(AppDbContext db, string userId, CancellationToken ct)
    {
        var authorizationIds = db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Where(a => a.Subject == userId).Select(a => a.Id);
        // Tokens first: their foreign key to the authorization does not cascade.
        await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Subject == userId || authorizationIds.Contains(t.Authorization!.Id)).ExecuteDeleteAsync(ct);
        await db.Set<ConnectionUsage>().Where(u => authorizationIds.Contains(u.AuthorizationId)).ExecuteDeleteAsync(ct);
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>().Where(a => a.Subject == userId).ExecuteDeleteAsync(ct);
        await db.Set<TokenHealthRecord>().Where(h => h.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
