using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using AdminPortal.Features.Dashboard.Shared;
using AdminPortal.Features.Ifttt.RequestLog;
using AdminPortal.Features.OAuth;
using AdminPortal.Features.OAuth.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace AdminPortal.Features.Dashboard.Users;

public sealed record UserRow(string Id, string Email, string? ExternalId, bool IsTestUser, bool Linked, TokenHealthState? Health, DateTimeOffset? LastIftttCallAt,
    bool IsAdmin = false);

public sealed record UserProfile(string Id, string Email, string? ExternalId, bool IsTestUser, DateTimeOffset CreatedAt);

/// <summary>The Users list and profile edits. Search is a substring of email or external id, or an exact id; <c>adminsOnly</c> keeps the Admin role's members.</summary>
public sealed class UserQueries(IDbContextFactory<AppDbContext> dbFactory, IOptions<IftttClientOptions> client)
{
    public async Task<Paged<UserRow>> SearchAsync(string? search, int page, int pageSize, bool adminsOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        var adminIds = db.UserRoles.Where(ur => db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Admin)).Select(ur => ur.UserId);
        if (adminsOnly)
        {
            users = users.Where(u => adminIds.Contains(u.Id));
        }
        if (!string.IsNullOrWhiteSpace(search))
        {
            var text = search.Trim();
            var upper = text.ToUpperInvariant();
            users = users.Where(u => u.Id == text || u.NormalizedEmail!.Contains(upper) || (u.ExternalId != null && u.ExternalId.Contains(text)));
        }
        var result = await Paging.PageAsync(users.OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id), page, pageSize, ct);

        // Per-page lookups: one query each, over the page's ids only.
        var ids = result.Items.Select(u => u.Id).ToList();
        var clientId = client.Value.ClientId;
        var linked = (await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Subject != null && ids.Contains(a.Subject) && a.Status == Statuses.Valid && a.Application!.ClientId == clientId)
            .Select(a => a.Subject!).Distinct().ToListAsync(ct)).ToHashSet();
        var admins = (await adminIds.Where(id => ids.Contains(id)).ToListAsync(ct)).ToHashSet();
        var health = await db.Set<TokenHealthRecord>().Where(h => ids.Contains(h.UserId)).ToDictionaryAsync(h => h.UserId, h => h.State, ct);
        var lastCalls = await db.Set<RequestLogEntry>().Where(e => e.UserId != null && ids.Contains(e.UserId))
            .GroupBy(e => e.UserId!).Select(g => new { g.Key, Last = g.Max(e => e.At) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        return new Paged<UserRow>([.. result.Items.Select(u => new UserRow(u.Id, u.Email ?? u.UserName ?? u.Id, u.ExternalId, u.IsTestUser,
            linked.Contains(u.Id), health.TryGetValue(u.Id, out var state) ? state : null,
            lastCalls.TryGetValue(u.Id, out var last) ? last : null, admins.Contains(u.Id)))], result.Total, result.Capped);
    }

    public async Task<UserProfile?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new UserProfile(u.Id, u.Email ?? u.UserName ?? u.Id, u.ExternalId, u.IsTestUser, u.CreatedAt)).FirstOrDefaultAsync(ct);
    }

    /// <summary>Sets the product's id for the user; null when done, else the problem (it must be unique).</summary>
    public async Task<string?> SetExternalIdAsync(string userId, string? externalId, CancellationToken ct = default)
    {
        var value = string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();
        if (value is { Length: > 200 })
        {
            return "An external id has at most 200 characters.";
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (value is not null && await db.Users.AnyAsync(u => u.ExternalId == value && u.Id != userId, ct))
        {
            return $"Another user already has the external id '{value}'.";
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return "The user no longer exists.";
        }
        user.ExternalId = value;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique index caught a concurrent save of the same value.
            return $"Another user already has the external id '{value}'.";
        }
        return null;
    }
}
