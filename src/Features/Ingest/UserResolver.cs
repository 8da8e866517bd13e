using AdminPortal.Data;
using AdminPortal.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Ingest;

/// <summary>Maps the <c>user</c> of ingested events (our id or the product's external id) to our user ids, in one query.</summary>
public sealed class UserResolver(AppDbContext db)
{
    public async Task<Dictionary<string, string>> ResolveAsync(IEnumerable<string> references, CancellationToken ct)
    {
        var refs = references.Distinct(StringComparer.Ordinal).ToList();
        var resolved = new Dictionary<string, string>(StringComparer.Ordinal);
        if (refs.Count == 0)
        {
            return resolved;
        }
        var users = await db.Set<AppUser>().AsNoTracking()
            .Where(u => refs.Contains(u.Id) || (u.ExternalId != null && refs.Contains(u.ExternalId)))
            .Select(u => new { u.Id, u.ExternalId })
            .ToListAsync(ct);
        // Our own id wins over an external id that happens to look the same.
        foreach (var user in users.Where(u => u.ExternalId is not null))
        {
            resolved[user.ExternalId!] = user.Id;
        }
        foreach (var user in users)
        {
            resolved[user.Id] = user.Id;
        }
        return resolved;
    }
}
