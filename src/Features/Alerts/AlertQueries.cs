using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Alerts;

/// <summary>The Alerts page's reads: every open incident, and the newest past ones.</summary>
public sealed class AlertQueries(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int PastShown = 100;

    public async Task<IReadOnlyList<AlertIncident>> OpenAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AlertIncident>().AsNoTracking().Where(i => i.ClearedAt == null).OrderByDescending(i => i.OpenedAt).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<AlertIncident>> PastAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AlertIncident>().AsNoTracking().Where(i => i.ClearedAt != null)
            .OrderByDescending(i => i.OpenedAt).Take(PastShown).ToListAsync(ct);
    }
}
