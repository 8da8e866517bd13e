using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.ProductApi.Calls;

/// <summary>Reads of the call log for other features (the dashboard): the calls an IFTTT request caused.</summary>
public sealed class ProductCallStore(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<IReadOnlyList<ProductCall>> ForRequestAsync(string requestId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ProductCall>().AsNoTracking().Where(c => c.RequestId == requestId).OrderBy(c => c.Id).ToListAsync(ct);
    }

    /// <summary>Calls grouped by request id, for a page of actions at once.</summary>
    public async Task<ILookup<string, ProductCall>> ForRequestsAsync(IEnumerable<string> requestIds, CancellationToken ct = default)
    {
        var ids = requestIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return Array.Empty<ProductCall>().ToLookup(c => c.RequestId!);
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var calls = await db.Set<ProductCall>().AsNoTracking().Where(c => c.RequestId != null && ids.Contains(c.RequestId)).OrderBy(c => c.Id).ToListAsync(ct);
        return calls.ToLookup(c => c.RequestId!);
    }
}
