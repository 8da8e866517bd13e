using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductLink;

/// <summary>A user's product link as admins and IFTTT's user/info see it: who they are there, and whether it works. Never tokens.</summary>
public sealed record ProductLinkView(string Subject, string? DisplayName, ProductLinkState State, DateTimeOffset LinkedAt,
    DateTimeOffset? RefreshedAt, DateTimeOffset? AccessTokenExpiresAt, DateTimeOffset? BrokenAt, string? BrokenReason);

public sealed class ProductLinkStatus(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<ProductLinkView?> GetAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ProductLinkRecord>().AsNoTracking().Where(l => l.UserId == userId)
            .Select(l => new ProductLinkView(l.Subject, l.DisplayName, l.State, l.LinkedAt, l.RefreshedAt, l.AccessTokenExpiresAt, l.BrokenAt, l.BrokenReason))
            .FirstOrDefaultAsync(ct);
    }
}
