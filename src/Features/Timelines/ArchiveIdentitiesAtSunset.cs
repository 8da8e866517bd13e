using AdminPortal.Data;
using AdminPortal.Features.Sunset;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Timelines;

/// <summary>At T-0 every active trigger identity ends: no Applet runs any more. History stays readable.</summary>
internal sealed class ArchiveIdentitiesAtSunset(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : ISunsetStep
{
    public async Task RunAsync(SunsetPlan plan, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        await db.Set<TriggerIdentity>().Where(i => i.EndedAt == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.EndedAt, now), ct);
    }
}
