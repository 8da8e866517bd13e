using AdminPortal.Data;
using AdminPortal.Data.Cluster;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Sunset;

/// <summary>
/// The sunset's steps as Hangfire jobs. Each re-reads the plan and does nothing unless it is still
/// scheduled; each sends through <see cref="NoticeSender"/>, so reruns never email anyone twice. A
/// step with failed sends throws at the end, so Hangfire retries it (only the failed ones go again).
/// </summary>
public sealed class SunsetJobs(
    IDbContextFactory<AppDbContext> dbFactory,
    IConnectedUsers connectedUsers,
    NoticeSender sender,
    NoticeTemplates templates,
    ServiceLifecycle lifecycle,
    ClusterChangeFeed feed,
    IEnumerable<ISunsetStep> sunsetSteps,
    TimeProvider clock,
    ILogger<SunsetJobs> logger)
{
    public static string PlatformNoticeKey(long planId, int revision) => $"sunset:{planId}:platform:{revision}";
    public static string UserNoticePrefix(long planId) => $"sunset:{planId}:user:";
    public static string UserNoticeKey(long planId, int revision) => UserNoticePrefix(planId) + revision;
    public static string CancelledNoticeKey(long planId) => $"sunset:{planId}:cancelled";

    public async Task SendPlatformNoticeAsync(long planId, int revision, CancellationToken ct)
    {
        var plan = await ScheduledPlanAsync(planId, ct);
        if (plan is null || plan.Revision != revision)
        {
            return;
        }
        var sent = await sender.SendOnceAsync(PlatformNoticeKey(plan.Id, revision), plan.PlatformTeamEmail, null, templates.PlatformNotice(plan), ct);
        ThrowIfFailed(sent ? 0 : 1, "platform notice");
    }

    /// <summary>T-7 d; also run hourly afterwards (catch-up) so users who link later are told before T-0.</summary>
    public async Task SendUserNoticesAsync(long planId, CancellationToken ct)
    {
        var plan = await ScheduledPlanAsync(planId, ct);
        if (plan is null)
        {
            return;
        }
        var failed = 0;
        foreach (var user in await connectedUsers.ListAsync(ct))
        {
            if (!await sender.SendOnceAsync(UserNoticeKey(plan.Id, plan.Revision), user.Email, user.UserId, templates.UserNotice(plan, user.Email), ct))
            {
                failed++;
            }
        }
        ThrowIfFailed(failed, "user notice");
    }

    /// <summary>Hourly: after a plan's user-notice time, tells users who linked since.</summary>
    public async Task CatchUpUserNoticesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var plans = await db.Set<SunsetPlan>().AsNoTracking().Where(p => p.State == SunsetPlanState.Scheduled).ToListAsync(ct);
        foreach (var plan in plans.Where(p => p.UserNoticeAt <= now))
        {
            await SendUserNoticesAsync(plan.Id, ct);
        }
    }

    /// <summary>T-0: the service is removed. Users are told first if any linked in the last hour.</summary>
    public async Task RunSunsetAsync(long planId, CancellationToken ct)
    {
        var plan = await ScheduledPlanAsync(planId, ct);
        if (plan is null)
        {
            return;
        }
        await SendUserNoticesAsync(planId, ct);

        var message = ServiceLifecycle.MessageFor(plan);
        lifecycle.MarkSunset(message);
        await feed.PublishAsync(ServiceLifecycle.Topic, message, ct); // the other instances stop answering too
        foreach (var step in sunsetSteps)
        {
            await step.RunAsync(plan, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tracked = await db.Set<SunsetPlan>().SingleAsync(p => p.Id == planId, ct);
        tracked.State = SunsetPlanState.Completed;
        tracked.CompletedAt = clock.GetUtcNow();
        db.Add(new SunsetHistoryEntry { PlanId = planId, At = clock.GetUtcNow(), Actor = "system", What = "Sunset done: the IFTTT API answers 503, links are revoked and trigger identities archived." });
        await db.SaveChangesAsync(ct);
        logger.LogWarning("The service was sunset (plan {PlanId})", planId);
    }

    public async Task SendCancelledNoticesAsync(long planId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Set<SunsetPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is not { State: SunsetPlanState.Cancelled })
        {
            return;
        }
        var prefix = UserNoticePrefix(planId);
        var told = await db.Set<NoticeDelivery>().AsNoTracking()
            .Where(d => d.NoticeKey.StartsWith(prefix) && d.State != NoticeDeliveryState.Failed)
            .Select(d => new { d.Recipient, d.UserId }).Distinct().ToListAsync(ct);
        var failed = 0;
        foreach (var recipient in told)
        {
            if (!await sender.SendOnceAsync(CancelledNoticeKey(planId), recipient.Recipient, recipient.UserId, templates.CancelledNotice(plan, recipient.Recipient), ct))
            {
                failed++;
            }
        }
        ThrowIfFailed(failed, "cancelled notice");
    }

    public async Task SendReconnectNoticesAsync(long campaignId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var campaign = await db.Set<NoticeCampaign>().AsNoTracking().SingleAsync(c => c.Id == campaignId, ct);
        var failed = 0;
        foreach (var user in await connectedUsers.ListAsync(ct, anyClient: true))
        {
            if (!await sender.SendOnceAsync($"reconnect:{campaignId}", user.Email, user.UserId, templates.ReconnectNotice(campaign.Message, user.Email), ct))
            {
                failed++;
            }
        }
        ThrowIfFailed(failed, "reconnect notice");
    }

    private async Task<SunsetPlan?> ScheduledPlanAsync(long planId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<SunsetPlan>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId && p.State == SunsetPlanState.Scheduled, ct);
    }

    private static void ThrowIfFailed(int failed, string what)
    {
        if (failed > 0)
        {
            // Hangfire retries the job; recipients already served are skipped.
            throw new InvalidOperationException($"{failed} {what} message(s) could not be sent; they will be retried.");
        }
    }
}
