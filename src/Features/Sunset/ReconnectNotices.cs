using AdminPortal.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Sunset;

/// <summary>
/// "Please reconnect": after an OAuth change that sends users offline (IFTTT's FAQ), tells every
/// linked user through the same once-per-recipient machinery as the sunset notices.
/// </summary>
public sealed class ReconnectNotices(IDbContextFactory<AppDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<NoticeCampaign> SendAsync(string message, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = new NoticeCampaign { Kind = "reconnect", Message = message, CreatedAt = clock.GetUtcNow(), CreatedBy = actor };
        db.Add(campaign);
        await db.SaveChangesAsync(ct);
        db.Add(new SunsetHistoryEntry { At = clock.GetUtcNow(), Actor = actor, What = $"Sent a \"please reconnect\" notice (campaign {campaign.Id}) to linked users." });
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<SunsetJobs>(j => j.SendReconnectNoticesAsync(campaign.Id, CancellationToken.None));
        return campaign;
    }
}
