using AdminPortal.Features.Dashboard.Identities;
using AdminPortal.Features.Service;
using AdminPortal.Features.Timelines;
using AdminPortal.Features.Ifttt.Triggers;
using AdminPortal.Features.Realtime;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.UnitTests.Features.Dashboard;

public sealed class IdentitiesPageTests : DashboardTestContext
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Fact]
    public async Task IdentitiesPage_Identities_ShowsStateCountsAndLastNudge()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddAsync(
            Identity(ann.Id, "active-1", "front", lastPolled: Now.AddMinutes(-5), polls: 12, realtime: 3),
            Identity(ann.Id, "stale-1", "back", lastPolled: Now.AddDays(-30)),
            Identity(ann.Id, "ended-1", "side", lastPolled: Now.AddDays(-2), ended: Now.AddDays(-1)),
            new RealtimeIdentityNudge { TriggerIdentity = "active-1", LastNudgedAt = Now.AddMinutes(-6) });

        var page = RenderInCircuit<IdentitiesPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=identity-link]").Count));
        var rows = page.FindAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("active", rows[0]);
        Assert.Contains("door=front", rows[0]);
        Assert.Contains("12", rows[0]);
        Assert.DoesNotContain("never", rows[0]);
        Assert.Contains("ended", rows[1]);
        Assert.Contains("stale", rows[2]);
        Assert.Contains("never", rows[2]);
    }

    [Fact]
    public async Task IdentitiesPage_None_SaysIftttCreatesThem()
    {
        await MigrateAsync();

        var page = RenderInCircuit<IdentitiesPage>();

        page.WaitForAssertion(() => Assert.Contains("IFTTT creates one when an Applet is turned on", page.Find("[data-testid=empty-state]").TextContent));
    }

    [Fact]
    public async Task IdentitiesPage_UserFilter_ShowsOnlyTheirs()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var bob = await AddUserAsync("bob@acme.test");
        await AddAsync(Identity(ann.Id, "anns", "front", Now), Identity(bob.Id, "bobs", "back", Now));
        var page = RenderInCircuit<IdentitiesPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=identity-link]").Count));

        await page.Find("[data-testid=filter-user] input, input[data-testid=filter-user]").ChangeAsync(new() { Value = "bob@acme.test" });

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=identity-link]")));
        Assert.Contains("door=back", page.Find("tbody tr").TextContent);
    }

    [Theory]
    [InlineData(IdentityState.Active, "active-1")]
    [InlineData(IdentityState.Stale, "stale-1")]
    [InlineData(IdentityState.Ended, "ended-1")]
    public async Task SearchAsync_StateFilter_SplitsByStaleDaysAndEnd(IdentityState state, string expected)
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        await AddAsync(
            Identity(ann.Id, "active-1", "front", Now.AddDays(-6)),
            Identity(ann.Id, "stale-1", "back", Now.AddDays(-8)),
            Identity(ann.Id, "ended-1", "side", Now.AddDays(-1), ended: Now));

        var result = await Services.GetRequiredService<IdentityQueries>().SearchAsync(new IdentityFilter(state), 0, 25, ct: Ct);

        Assert.Equal([expected], result!.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task IdentityDetailPage_Identity_ShowsWhatAPollReturnsAndNudges()
    {
        await MigrateAsync();
        var ann = await AddUserAsync("ann@acme.test");
        var front = await AddDoorEventAsync(ann.Id, "front", Now.AddMinutes(-3));
        await AddDoorEventAsync(ann.Id, "back", Now.AddMinutes(-2));
        await AddAsync(Identity(ann.Id, "front-door", "front", Now));

        var page = RenderInCircuit<IdentityDetailPage>(p => p.Add(x => x.UserId, ann.Id).Add(x => x.IdentityId, "front-door"));

        page.WaitForAssertion(() => Assert.Equal("1 event(s)", page.Find("[data-testid=poll-count]").TextContent));
        Assert.Contains(front, page.Find("[data-testid=poll-response]").TextContent);
        Assert.Contains("\"data\"", page.Find("[data-testid=poll-response]").TextContent);

        await page.Find("[data-testid=nudge]").ClickAsync(new());

        await using var db = await Db.CreateDbContextAsync(Ct);
        var queued = await db.Set<RealtimeNotification>().SingleAsync(Ct);
        Assert.Equal(("front-door", "admin"), (queued.TriggerIdentity, queued.Reason));
    }

    private TriggerIdentity Identity(string userId, string id, string door, DateTimeOffset lastPolled, long polls = 1, long realtime = 0, DateTimeOffset? ended = null)
    {
        var trigger = Services.GetRequiredService<DeclaredService>().FindTrigger("door_opened")!;
        return new TriggerIdentity
        {
            Id = id, UserId = userId, Trigger = "door_opened", Fields = $$"""{"door":"{{door}}"}""",
            MatchKey = TriggerMatcher.KeyForFields("door_opened", trigger.Fields, new Dictionary<string, string?> { ["door"] = door }),
            FirstSeenAt = lastPolled.AddDays(-1), LastPolledAt = lastPolled, PollCount = polls, RealtimePollCount = realtime, EndedAt = ended,
        };
    }
}
