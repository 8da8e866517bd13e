using AdminPortal.Features.Sunset;
using Hangfire;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Sunset;

public sealed class SunsetPlanTests : SunsetTestBase
{
    [Fact]
    public async Task Schedule_30DaysAhead_PlatformNoticeSentNowAndLaterStepsScheduled()
    {
        var plan = await ScheduleAsync(daysAhead: 30);

        await WaitUntilAsync(() => Outbox().Count == 1, TimeSpan.FromSeconds(60));
        var notice = Outbox().Single();
        Assert.Equal("platform-support@ifttt.com", notice.To.Mailboxes.Single().Address);
        Assert.Contains("Saturday, 26 December 2026", notice.Subject);
        Assert.Contains("We are moving to a new integration platform.", notice.TextBody ?? "");
        Assert.Contains("Saturday, 19 December 2026", notice.HtmlBody ?? "");

        var scheduled = App.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 10)
            .ToDictionary(j => j.Value.Job.Method.Name, j => j.Value);
        Assert.Equal(plan.SunsetAt - TimeSpan.FromDays(7), new DateTimeOffset(scheduled[nameof(SunsetJobs.SendUserNoticesAsync)].EnqueueAt, TimeSpan.Zero));
        Assert.Equal(plan.SunsetAt, new DateTimeOffset(scheduled[nameof(SunsetJobs.RunSunsetAsync)].EnqueueAt, TimeSpan.Zero));
        Assert.Contains(await ReadAsync<SunsetHistoryEntry>(), h => h.What.StartsWith("Scheduled the sunset for Saturday, 26 December 2026"));
    }

    [Fact]
    public async Task Schedule_10DaysAheadUnconfirmed_RefusedWithReason()
    {
        var result = await App.Services.GetRequiredService<SunsetPlanner>().ScheduleAsync(Request(10), "admin@test.local", Ct);

        Assert.False(result.Succeeded);
        Assert.Contains("at least 14 days", result.Error);
        Assert.Empty(await ReadAsync<SunsetPlan>());
    }

    [Fact]
    public async Task Schedule_10DaysAheadConfirmed_AcceptedAndRecordedAsShortNotice()
    {
        var plan = await ScheduleAsync(daysAhead: 10, confirmShortNotice: true);

        Assert.True(plan.ShortNoticeConfirmed);
        Assert.Contains(await ReadAsync<SunsetHistoryEntry>(), h => h.What.Contains("short notice confirmed"));
    }

    [Fact]
    public async Task Cancel_AfterUserNotices_ToldUsersGetCancelledNoticeAndStepsDeleted()
    {
        await LinkedUserAsync("told@test.local");
        var plan = await ScheduleAsync(daysAhead: 30);
        await RunJobAsync(jobs => jobs.SendUserNoticesAsync(plan.Id, Ct));
        await LinkedUserAsync("late@test.local");

        var result = await App.Services.GetRequiredService<SunsetPlanner>().CancelAsync(plan.Id, "admin@test.local", Ct);

        Assert.True(result.Succeeded);
        await WaitUntilAsync(() => Outbox().Any(m => (m.Subject ?? "").Contains("staying")), TimeSpan.FromSeconds(60));
        var cancelled = Outbox().Where(m => (m.Subject ?? "").Contains("staying")).ToList();
        Assert.Equal(["told@test.local"], cancelled.Select(m => m.To.Mailboxes.Single().Address));
        var monitoring = App.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(0, monitoring.ScheduledCount());
        await RunJobAsync(jobs => jobs.RunSunsetAsync(plan.Id, Ct));
        Assert.False(App.Services.GetRequiredService<ServiceLifecycle>().IsSunset);
    }
}
