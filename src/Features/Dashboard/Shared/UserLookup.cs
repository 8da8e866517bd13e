using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Dashboard.Shared;

/// <summary>Finds users the way admins type them: our id, email, or the product's external id.</summary>
public static class UserLookup
{
    public static async Task<string?> ResolveAsync(AppDbContext db, string? text, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var value = text.Trim();
        var normalized = value.ToUpperInvariant();
        return await db.Users.AsNoTracking()
            .Where(u => u.Id == value || u.NormalizedEmail == normalized || u.ExternalId == value)
            .OrderBy(u => u.Id == value ? 0 : 1)
            .Select(u => u.Id)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>Emails of the users on one page of a list, in one query.</summary>
    public static async Task<Dictionary<string, string>> EmailsAsync(AppDbContext db, IEnumerable<string?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, ct);
    }
}
