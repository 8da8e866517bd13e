using AdminPortal.Data;
using AdminPortal.Features.Sunset;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.OAuth.Sunset;

/// <summary>Users with an active IFTTT connection (a valid authorization of the IFTTT client), test users left out.</summary>
public sealed class ConnectedUsers(IDbContextFactory<AppDbContext> dbFactory, IOptions<IftttClientOptions> client) : IConnectedUsers
{
    public async Task<IReadOnlyList<NoticeRecipient>> ListAsync(CancellationToken ct, bool anyClient = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var clientId = client.Value.ClientId;
        var subjects = db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Status == Statuses.Valid && (anyClient || a.Application!.ClientId == clientId))
            .Select(a => a.Subject);
        return await db.Users
            .Where(u => !u.IsTestUser && u.Email != null && subjects.Contains(u.Id))
            .OrderBy(u => u.Email)
            .Select(u => new NoticeRecipient(u.Id, u.Email!))
            .ToListAsync(ct);
    }
}
