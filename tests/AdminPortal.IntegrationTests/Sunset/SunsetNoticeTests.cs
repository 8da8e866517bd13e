using System.Net;
using System.Net.Http.Headers;
using AdminPortal.Features.Sunset;
using AdminPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.IntegrationTests.Sunset;

public sealed class SunsetNoticeTests : SunsetTestBase
{
    [Fact]
    public async Task UserNotice_AtT7_ExactlyConnectedUsersOnceEach()
    {
        await LinkedUserAsync("alice@test.local");
        await LinkedUserAsync("bob@test.local");
        await LinkedUserAsync("ifttt-test@test.local", testUser: true);
        await UserAsync("never-linked@test.local");
        var plan = await ScheduleAsync(daysAhead: 30);
        await WaitUntilAsync(() => Outbox().Count == 1, TimeSpan.FromSeconds(60)); // the platform notice

        Clock.Advance(TimeSpan.FromDays(23));
        await RunJobAsync(jobs => jobs.SendUserNoticesAsync(plan.Id, Ct));
        await RunJobAsync(jobs => jobs.SendUserNoticesAsync(plan.Id, Ct)); // a retry or a second trigger

        var userNotices = Outbox().Where(m => (m.Subject ?? "").Contains("is leaving IFTTT")).ToList();
        Assert.Equal(["alice@test.local", "bob@test.local"], userNotices.Select(m => m.To.Mailboxes.Single().Address).Order());
        Assert.All(userNotices, m => Assert.Contains("Export your Applets' history", m.TextBody ?? ""));
    }

    [Fact]
    public async Task UserNotice_RestartBetweenRecipients_NobodyEmailedTwice()
    {
        await LinkedUserAsync("first@test.local");
        var (interruptedId, _) = await LinkedUserAsync("interrupted@test.local");
        await LinkedUserAsync("last@test.local");
        var plan = await ScheduleAsync(daysAhead: 30);
        await RunJobAsync(jobs => jobs.SendUserNoticesAsync(plan.Id, Ct));
        var key = SunsetJobs.UserNoticeKey(plan.Id, plan.Revision);
        // What a crash mid-run leaves: "last" not reached yet, "interrupted" caught between send and record.
        await using (var db = await App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct))
        {
            await db.Set<NoticeDelivery>().Where(d => d.Recipient == "last@test.local").ExecuteDeleteAsync(Ct);
            await db.Set<NoticeDelivery>().Where(d => d.UserId == interruptedId)
                .ExecuteUpdateAsync(d => d.SetProperty(x => x.State, NoticeDeliveryState.Sending), Ct);
        }
        var before = OutboxRecipients().Count(r => r != "platform-support@ifttt.com");

        await RestartAsync();
        await RunJobAsync(jobs => jobs.SendUserNoticesAsync(plan.Id, Ct));

        Assert.Equal(3, before);
        Assert.Equal(["first@test.local", "interrupted@test.local", "last@test.local", "last@test.local"],
            OutboxRecipients().Where(r => r != "platform-support@ifttt.com"));
        var deliveries = (await ReadAsync<NoticeDelivery>()).Where(d => d.NoticeKey == key).ToDictionary(d => d.Recipient);
        Assert.Equal(NoticeDeliveryState.Uncertain, deliveries["interrupted@test.local"].State);
        Assert.Equal(NoticeDeliveryState.Sent, deliveries["last@test.local"].State);
    }

    [Fact]
    public async Task Sunset_AtT0_ServiceSunsetTokensRevokedAndStateSurvivesRestart()
    {
        var (_, tokens) = await LinkedUserAsync("linked@test.local");
        var plan = await ScheduleAsync(daysAhead: 30);
        Clock.Advance(TimeSpan.FromDays(30));

        await RunJobAsync(jobs => jobs.RunSunsetAsync(plan.Id, Ct));

        Assert.True(App.Services.GetRequiredService<ServiceLifecycle>().IsSunset);
        Assert.Equal(SunsetPlanState.Completed, (await ReadAsync<SunsetPlan>()).Single().State);
        Assert.Contains("linked@test.local", OutboxRecipients()); // told before removal, even if linked late
        await RestartAsync();
        Assert.True(App.Services.GetRequiredService<ServiceLifecycle>().IsSunset);
        Assert.Contains("retired on 26 December 2026", App.Services.GetRequiredService<ServiceLifecycle>().SunsetMessage);
        await AssertTokenRevokedAsync(tokens.AccessToken);
    }

    private async Task AssertTokenRevokedAsync(string accessToken)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<OpenIddict.Abstractions.IOpenIddictTokenManager>();
        var valid = 0;
        await foreach (var token in tokens.ListAsync(count: null, offset: null, Ct))
        {
            if (await tokens.HasStatusAsync(token, OpenIddict.Abstractions.OpenIddictConstants.Statuses.Valid, Ct))
            {
                valid++;
            }
        }
        Assert.Equal(0, valid);
        Assert.NotEmpty(accessToken);
    }
}
