using AdminPortal.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Sunset;

/// <summary>
/// Schedules, changes and cancels the sunset plan. Every step is a Hangfire job (platform notice at
/// once, user notice at T-7 d, sunset at T-0); the jobs re-read the plan, so a changed or cancelled
/// plan can never be acted on by a stale job.
/// </summary>
public sealed class SunsetPlanner(IDbContextFactory<AppDbContext> dbFactory, IBackgroundJobClient jobs, TimeProvider clock)
{
    public async Task<SunsetPlan?> CurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<SunsetPlan>().AsNoTracking()
            .Where(p => p.State != SunsetPlanState.Cancelled).OrderByDescending(p => p.Id).FirstOrDefaultAsync(ct);
    }

    public async Task<SunsetResult> ScheduleAsync(SunsetRequest request, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<SunsetPlan>().AnyAsync(p => p.State != SunsetPlanState.Cancelled, ct))
        {
            return SunsetResult.Fail("A sunset is already planned (or done). Change or cancel it instead.");
        }
        if (Refuse(request) is { } error)
        {
            return SunsetResult.Fail(error);
        }

        var plan = new SunsetPlan
        {
            SunsetAt = request.SunsetAt, Reason = request.Reason, MessageToUsers = request.MessageToUsers,
            PlatformTeamEmail = request.PlatformTeamEmail, ShortNoticeConfirmed = NeedsShortNotice(request),
            State = SunsetPlanState.Scheduled, CreatedAt = clock.GetUtcNow(), CreatedBy = actor,
        };
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        ScheduleSteps(plan);
        Record(db, plan, actor, $"Scheduled the sunset for {NoticeTemplates.InWords(plan.SunsetAt)}" +
            (plan.ShortNoticeConfirmed ? " — short notice confirmed (less than 14 days ahead)." : "."));
        await db.SaveChangesAsync(ct);
        return SunsetResult.Ok(plan);
    }

    public async Task<SunsetResult> ChangeAsync(long planId, SunsetRequest request, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Set<SunsetPlan>().FindAsync([planId], ct);
        if (plan is not { State: SunsetPlanState.Scheduled } || clock.GetUtcNow() >= plan.SunsetAt)
        {
            return SunsetResult.Fail("Only a scheduled sunset can be changed, and only before its date.");
        }
        if (Refuse(request) is { } error)
        {
            return SunsetResult.Fail(error);
        }

        DeleteScheduledSteps(plan);
        plan.SunsetAt = request.SunsetAt;
        plan.Reason = request.Reason;
        plan.MessageToUsers = request.MessageToUsers;
        plan.PlatformTeamEmail = request.PlatformTeamEmail;
        plan.ShortNoticeConfirmed |= NeedsShortNotice(request);
        plan.Revision++;
        ScheduleSteps(plan);
        Record(db, plan, actor, $"Changed the plan (revision {plan.Revision}): sunset on {NoticeTemplates.InWords(plan.SunsetAt)}.");
        await db.SaveChangesAsync(ct);
        return SunsetResult.Ok(plan);
    }

    public async Task<SunsetResult> CancelAsync(long planId, string actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var plan = await db.Set<SunsetPlan>().FindAsync([planId], ct);
        if (plan is not { State: SunsetPlanState.Scheduled } || clock.GetUtcNow() >= plan.SunsetAt)
        {
            return SunsetResult.Fail("Only a scheduled sunset can be cancelled, and only before its date.");
        }

        DeleteScheduledSteps(plan);
        plan.State = SunsetPlanState.Cancelled;
        plan.CancelledAt = clock.GetUtcNow();
        var userNoticePrefix = SunsetJobs.UserNoticePrefix(plan.Id);
        var usersWereTold = await db.Set<NoticeDelivery>().AnyAsync(d => d.NoticeKey.StartsWith(userNoticePrefix) && d.State != NoticeDeliveryState.Failed, ct);
        if (usersWereTold)
        {
            jobs.Enqueue<SunsetJobs>(j => j.SendCancelledNoticesAsync(plan.Id, CancellationToken.None));
        }
        Record(db, plan, actor, usersWereTold
            ? "Cancelled the sunset; users who were told get a \"cancelled\" notice."
            : "Cancelled the sunset before users were told.");
        await db.SaveChangesAsync(ct);
        return SunsetResult.Ok(plan);
    }

    private string? Refuse(SunsetRequest request)
    {
        var now = clock.GetUtcNow();
        if (request.SunsetDate is null || request.SunsetAt <= now)
        {
            return "Choose a sunset date in the future.";
        }
        if (NeedsShortNotice(request) && !request.ConfirmShortNotice)
        {
            var days = (int)Math.Ceiling((request.SunsetAt - now).TotalDays);
            return $"IFTTT asks for at least 14 days' notice to its platform team; {NoticeTemplates.InWords(request.SunsetAt)} is only {days} day(s) away. " +
                   "Pick a later date, or confirm a short-notice sunset.";
        }
        return null;
    }

    private bool NeedsShortNotice(SunsetRequest request) => request.SunsetAt - clock.GetUtcNow() < SunsetTimeline.PlatformNoticeLead;

    private void ScheduleSteps(SunsetPlan plan)
    {
        var now = clock.GetUtcNow();
        jobs.Enqueue<SunsetJobs>(j => j.SendPlatformNoticeAsync(plan.Id, plan.Revision, CancellationToken.None));
        var userNoticeAt = plan.UserNoticeAt > now ? plan.UserNoticeAt : now;
        plan.UserNoticeJobId = jobs.Schedule<SunsetJobs>(j => j.SendUserNoticesAsync(plan.Id, CancellationToken.None), userNoticeAt);
        plan.SunsetJobId = jobs.Schedule<SunsetJobs>(j => j.RunSunsetAsync(plan.Id, CancellationToken.None), plan.SunsetAt);
    }

    private void DeleteScheduledSteps(SunsetPlan plan)
    {
        // Deleting a job that already ran is a no-op; the jobs themselves also re-check the plan.
        if (plan.UserNoticeJobId is not null) jobs.Delete(plan.UserNoticeJobId);
        if (plan.SunsetJobId is not null) jobs.Delete(plan.SunsetJobId);
    }

    private void Record(AppDbContext db, SunsetPlan plan, string actor, string what) =>
        db.Add(new SunsetHistoryEntry { PlanId = plan.Id, At = clock.GetUtcNow(), Actor = actor, What = what });
}
