using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Features.Sunset;

/// <summary>What the Sunset notices page shows: the plan's timeline with each step's state, deliveries, history.</summary>
public sealed class SunsetOverview(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public sealed record DeliveryCounts(int Sent, int Failed, int Uncertain);

    public async Task<IReadOnlyList<TimelineStep>> TimelineAsync(SunsetPlan plan, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow();
        var platform = await CountsAsync(db, SunsetJobs.PlatformNoticeKey(plan.Id, plan.Revision), ct);
        var users = await CountsAsync(db, SunsetJobs.UserNoticePrefix(plan.Id), ct, prefix: true);

        StepState State(DateTimeOffset at, bool done) =>
            plan.State == SunsetPlanState.Cancelled && !done ? StepState.Cancelled : done ? StepState.Done : at <= now ? StepState.Due : StepState.Waiting;

        return
        [
            new("Platform team notice", plan.CreatedAt, State(plan.CreatedAt, platform.Sent > 0),
                $"to {plan.PlatformTeamEmail}{Describe(platform)} — IFTTT asks for at least 14 days before the sunset"),
            new("User notice (T-7 days)", plan.UserNoticeAt, State(plan.UserNoticeAt, users.Sent > 0 && plan.UserNoticeAt <= now),
                $"to every user with an IFTTT connection{Describe(users)}; users who link later are told within the hour"),
            new("Sunset (T-0)", plan.SunsetAt, State(plan.SunsetAt, plan.State == SunsetPlanState.Completed),
                "the IFTTT API answers 503, links are revoked, trigger identities archived"),
        ];
    }

    public async Task<IReadOnlyList<NoticeDelivery>> DeliveriesAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<NoticeDelivery>().AsNoTracking().OrderByDescending(d => d.Id).Take(take).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<SunsetHistoryEntry>> HistoryAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<SunsetHistoryEntry>().AsNoTracking().OrderByDescending(h => h.Id).Take(take).ToListAsync(ct);
    }

    private static async Task<DeliveryCounts> CountsAsync(AppDbContext db, string key, CancellationToken ct, bool prefix = false)
    {
        var rows = db.Set<NoticeDelivery>().Where(d => prefix ? d.NoticeKey.StartsWith(key) : d.NoticeKey == key);
        var states = await rows.GroupBy(d => d.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(NoticeDeliveryState s) => states.FirstOrDefault(x => x.Key == s)?.Count ?? 0;
        return new DeliveryCounts(Count(NoticeDeliveryState.Sent), Count(NoticeDeliveryState.Failed), Count(NoticeDeliveryState.Uncertain));
    }

    private static string Describe(DeliveryCounts c) =>
        c.Sent + c.Failed + c.Uncertain == 0 ? "" : $" ({c.Sent} sent{(c.Failed > 0 ? $", {c.Failed} failed" : "")}{(c.Uncertain > 0 ? $", {c.Uncertain} uncertain" : "")})";
}
