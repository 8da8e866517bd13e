using System.Net;
using AdminPortal.Data;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Sunset;
using AdminPortal.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminPortal.IntegrationTests.Sunset;

/// <summary>What IFTTT sees once the sunset's T-0 step has run.</summary>
public sealed class SunsetApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunSunset_AtT0_EveryIftttEndpoint503WithSunsetMessageAndIdentitiesArchived()
    {
        await using var app = new IftttFactory { Clock = new FakeTimeProvider(SunsetTestBase.Now) };
        var (_, token) = await app.CreateLinkedUserAsync();
        var poll = await app.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json("""{"trigger_identity":"watched","triggerFields":{"door":"front"}}"""), Ct);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        await IftttFactory.EventuallyAsync(() => CountActiveAsync(app), n => n == 1);

        var plan = (await app.Services.GetRequiredService<SunsetPlanner>().ScheduleAsync(new SunsetRequest
        {
            SunsetDate = DateOnly.FromDateTime(SunsetTestBase.Now.UtcDateTime).AddDays(20), Reason = "Retiring",
            MessageToUsers = "Thanks for using us.", PlatformTeamEmail = "platform-support@ifttt.com",
        }, "admin", Ct)).Plan!;
        app.Clock!.Advance(TimeSpan.FromDays(20));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SunsetJobs>().RunSunsetAsync(plan.Id, Ct);
        }

        var status = await app.ServiceKeyClient().GetAsync("/ifttt/v1/status", Ct);
        Assert.Contains("retired on 16 December 2026", await HttpAssert.ErrorAsync(status, HttpStatusCode.ServiceUnavailable));
        var userInfo = await app.IftttClient(token).GetAsync("/ifttt/v1/user/info", Ct);
        Assert.Contains("Thanks for using us.", await HttpAssert.ErrorAsync(userInfo, HttpStatusCode.ServiceUnavailable));
        var trigger = await app.IftttClient(token).PostAsync("/ifttt/v1/triggers/door_opened",
            IftttFactory.Json("""{"trigger_identity":"watched","triggerFields":{"door":"front"}}"""), Ct);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, trigger.StatusCode);
        Assert.Equal(0, await CountActiveAsync(app));

        var authorize = await app.CreateBrowserLikeClient().GetAsync(
            "/connect/authorize?client_id=ifttt&response_type=code&scope=ifttt&state=s1&redirect_uri=" +
            Uri.EscapeDataString("https://ifttt.com/channels/demo_home/authorize"), Ct);
        Assert.Equal(HttpStatusCode.Gone, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
        Assert.Contains("no longer available on IFTTT", await authorize.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Maintenance_On_UserEndpointsAnswer503UntilOff()
    {
        await using var app = new IftttFactory();
        var (_, token) = await app.CreateLinkedUserAsync();
        var state = app.Services.GetRequiredService<AdminPortal.Features.Ifttt.State.ServiceStateStore>();

        await state.SetMaintenanceAsync(true, "Upgrading the database; back in ten minutes.", Ct);
        var during = await app.IftttClient(token).GetAsync("/ifttt/v1/user/info", Ct);
        Assert.Equal("Upgrading the database; back in ten minutes.", await HttpAssert.ErrorAsync(during, HttpStatusCode.ServiceUnavailable));

        await state.SetMaintenanceAsync(false, null, Ct);
        var after = await app.IftttClient(token).GetAsync("/ifttt/v1/user/info", Ct);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static async Task<int> CountActiveAsync(IftttFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync(Ct);
        return await db.Set<TriggerIdentity>().CountAsync(i => i.EndedAt == null, Ct);
    }
}
