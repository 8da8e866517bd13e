using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Admin;

/// <summary>The figures on the admin overview. IFTTT's test users are left out of every one.</summary>
public sealed record OverviewFigures(int Users, int Admins, int LockedOut, int RegisteredLastWeek);

/// <summary>Reads the overview's figures; its own service so the page renders in bUnit over any database.</summary>
public sealed class OverviewStatistics(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

    public async Task<OverviewFigures> LoadAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var since = now - RecentWindow;
        var users = db.Users.Where(u => !u.IsTestUser);

        var adminRoleId = db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id);
        var admins = await users.CountAsync(
            u => db.UserRoles.Any(ur => ur.UserId == u.Id && adminRoleId.Contains(ur.RoleId)), ct);

        // SQLite cannot compare DateTimeOffset columns in SQL, so those two figures compare in memory over
        // one projected column. Fine at this scale; a DateTimeOffset-to-ticks convention would move it to SQL.
        var lockoutEnds = await users.Where(u => u.LockoutEnd != null).Select(u => u.LockoutEnd!.Value).ToListAsync(ct);
        var createdAt = await users.Select(u => u.CreatedAt).ToListAsync(ct);

        return new OverviewFigures(
            Users: createdAt.Count,
            Admins: admins,
            LockedOut: lockoutEnds.Count(end => end > now),
            RegisteredLastWeek: createdAt.Count(created => created >= since));
    }
}
